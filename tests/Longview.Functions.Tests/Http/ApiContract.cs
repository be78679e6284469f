using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Longview.Core.Retention.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// The HTTP contract of /api, asserted once and run against both hosts (<see cref="SelfHostedContract"/>,
/// <see cref="FunctionsContract"/>): every route with its status, headers and body shape, problem+json included.
/// </summary>
public abstract partial class ApiContract
{
    protected const long MaxBodyBytes = 4_000;

    protected abstract Task<IApiHost> StartAsync(long maxBodyBytes = MaxBodyBytes);

    // ---- health

    [Fact]
    public async Task Health_answers_ok_with_the_serving_model()
    {
        await using var host = await StartAsync();
        var response = await host.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status":"ok","model":"fallback"}"""), await response.JsonAsync()));
    }

    [Fact]
    public async Task Head_on_health_is_200()
    {
        await using var host = await StartAsync();
        var response = await host.SendAsync(ApiRequests.Create(HttpMethod.Head, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_names_each_component_and_says_degraded_while_no_retention_report_exists()
    {
        await using var host = await StartAsync();
        var response = await host.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("fallback", (string?)body["model"]);
        var components = body["components"]!.AsArray().ToDictionary(c => (string)c!["component"]!, c => (string)c!["status"]!);
        Assert.Equal("ready", components["store"]);
        Assert.Equal("ready", components["model"]);
        Assert.Equal("degraded", components["reports"]);
        Assert.Equal("degraded", (string?)body["status"]);
    }

    // ---- events and items

    [Fact]
    public async Task Events_answer_counts_and_each_rejected_event_with_its_reason()
    {
        await using var host = await StartAsync();
        var body = $"[{ApiRequests.Event("e1", "u1")},{ApiRequests.Event("e2", "u1", type: "hover")}]";

        var first = await host.PostAsync("/api/events", body);
        var again = await host.PostAsync("/api/events", ApiRequests.Event("e1", "u1"), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        var answer = await first.JsonAsync();
        Assert.Equal(1, (int?)answer["accepted"]);
        Assert.Equal(0, (int?)answer["duplicates"]);
        var rejected = Assert.Single(answer["rejected"]!.AsArray())!;
        Assert.Equal(1, (int?)rejected["index"]);
        Assert.Equal("e2", (string?)rejected["eventId"]);
        Assert.Equal("type", (string?)rejected["field"]);
        Assert.Contains("hover", (string?)rejected["error"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"accepted":0,"duplicates":1,"rejected":[]}"""), await again.JsonAsync()));
    }

    [Fact]
    public async Task Items_answer_the_same_shape()
    {
        await using var host = await StartAsync();
        var response = await host.PostAsync("/api/items", """[{"itemId":"m1","title":"One","categories":["drama"]},{"itemId":"m2","categories":[]}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(1, (int?)answer["accepted"]);
        Assert.Equal("m2", (string?)answer["rejected"]![0]!["itemId"]);
        Assert.Null(answer["rejected"]![0]!["eventId"]);
    }

    [Theory]
    [InlineData("/api/events")]
    [InlineData("/api/items")]
    public async Task An_unreadable_body_is_a_400_problem(string route)
    {
        await using var host = await StartAsync();
        await ProblemAssert.ReadAsync(await host.PostAsync(route, "[{\"eventId\": "), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/events", "text/plain")]
    [InlineData("/api/events", "application/x-www-form-urlencoded")]
    [InlineData("/api/events", null)]
    [InlineData("/api/items", "text/plain")]
    [InlineData("/api/items", null)]
    [InlineData("/api/training/runs", null)]
    [InlineData("/api/training/runs", "text/plain")]
    [InlineData("/api/retention/runs?from=2025-01-01&to=2025-01-01", null)]
    public async Task A_post_that_is_not_declared_json_is_a_415_problem_and_changes_nothing(string route, string? mediaType)
    {
        await using var host = await StartAsync();
        var response = await host.PostAsync(route, ApiRequests.Event("e1", "csrf"), mediaType);

        await ProblemAssert.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/api/users/csrf/profile")).StatusCode);
    }

    [Fact]
    public async Task Json_with_a_charset_and_ndjson_are_accepted()
    {
        await using var host = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/api/events", ApiRequests.Event("e1", "u1"), "application/json; charset=utf-8")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/api/events", ApiRequests.Event("e2", "u1"), "application/x-ndjson")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_with_or_without_a_length_and_nothing_is_stored()
    {
        await using var host = await StartAsync();
        var body = Padded(ApiRequests.Event("e1", "big"), (int)MaxBodyBytes + 1);

        // A server may close a connection whose body it did not read: never reuse it.
        var withLengthRequest = ApiRequests.Create(HttpMethod.Post, "/api/events", ApiRequests.Body(body, "application/json"));
        withLengthRequest.Headers.ConnectionClose = true;
        var chunkedRequest = Chunked("/api/events", body);
        chunkedRequest.Headers.ConnectionClose = true;
        var withLength = await host.SendAsync(withLengthRequest);
        var chunked = await host.SendAsync(chunkedRequest);

        var problem = await ProblemAssert.ReadAsync(withLength, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"{MaxBodyBytes} bytes", (string?)problem["detail"]);
        await ProblemAssert.ReadAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/api/users/big/profile")).StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_of_exactly_the_limit_is_accepted_like_the_same_body_with_a_length()
    {
        await using var host = await StartAsync();
        var exact = Padded(ApiRequests.Event("e1", "edge"), (int)MaxBodyBytes);
        Assert.Equal(MaxBodyBytes, Encoding.UTF8.GetByteCount(exact));

        var chunked = await host.SendAsync(Chunked("/api/events", exact));
        var withLength = await host.SendAsync(ApiRequests.Create(HttpMethod.Post, "/api/events", ApiRequests.Body(exact.Replace("e1", "e2"), "application/json")));

        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.Equal(1, (int?)(await chunked.JsonAsync())["accepted"]);
        Assert.Equal(HttpStatusCode.OK, withLength.StatusCode);
    }

    // ---- profiles, erasure and ids in paths

    [Fact]
    public async Task An_unknown_user_is_a_404_problem_naming_them()
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync("/api/users/nobody/profile"), HttpStatusCode.NotFound);

        Assert.Equal("Unknown user", (string?)problem["title"]);
        Assert.Contains("nobody", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_profile_is_the_record_built_from_the_events()
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/events", ApiRequests.Event("e1", "u1", "i9"));

        var response = await host.GetAsync("/api/users/u1/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.JsonAsync();
        Assert.Equal("u1", (string?)profile["userId"]);
        Assert.Equal("i9", (string?)profile["recent"]![0]!["itemId"]);
    }

    [Fact]
    public async Task Deleting_a_slash_id_erases_that_user_and_not_the_one_named_with_the_escape()
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/events", $"[{ApiRequests.Event("e1", "a/b")},{ApiRequests.Event("e2", "a%2Fb")}]");

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/users/a%2Fb/profile")).StatusCode);
        Assert.Equal("a/b", (string?)(await (await host.GetAsync("/api/users/a%2Fb/profile")).JsonAsync())["userId"]);
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync("/api/users/a%2Fb")).StatusCode);

        await ProblemAssert.ReadAsync(await host.GetAsync("/api/users/a%2Fb/profile"), HttpStatusCode.NotFound);
        var literal = await host.GetAsync("/api/users/a%252Fb/profile");
        Assert.Equal(HttpStatusCode.OK, literal.StatusCode);
        Assert.Equal("a%2Fb", (string?)(await literal.JsonAsync())["userId"]);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_ids_are_readable_and_erasable(string userId)
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/events", ApiRequests.Event("e1", userId));
        var segment = ApiRequests.Segment(userId);
        if (!host.RoutesDotSegmentIds)
        {
            // The Functions host removes dot segments after decoding, before any function runs (Functions README):
            // the request lands on no function rather than on another user's data.
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"/api/users/{segment}/profile")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await host.DeleteAsync($"/api/users/{segment}")).StatusCode);
            return;
        }

        var profile = await host.GetAsync($"/api/users/{segment}/profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(userId, (string?)(await profile.JsonAsync())["userId"]);
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"/api/users/{segment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"/api/users/{segment}/profile")).StatusCode);
    }

    [Theory]
    [InlineData("/api/users/{0}/profile", "GET")]
    [InlineData("/api/users/{0}/recommendations", "GET")]
    [InlineData("/api/users/{0}", "DELETE")]
    [InlineData("/api/training/runs/{0}", "GET")]
    public async Task An_id_no_event_could_carry_is_a_400_problem_naming_the_parameter(string route, string method)
    {
        await using var host = await StartAsync();
        foreach (var id in new[] { new string('x', 300), "a\u0001b", "tab\there", "next\u0085line" })
        {
            var response = await host.SendAsync(ApiRequests.Create(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, ApiRequests.Segment(id))));

            var problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(route.Contains("runs", StringComparison.Ordinal) ? "runId" : "userId", (string?)problem["parameter"]);
        }
    }

    [Fact]
    public async Task Deleting_an_unknown_user_is_a_404_problem()
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.DeleteAsync("/api/users/nobody"), HttpStatusCode.NotFound);
        Assert.Equal("Unknown user", (string?)problem["title"]);
    }

    // ---- recommendations and models

    [Fact]
    public async Task An_unknown_user_gets_a_cold_start_list_from_the_fallback()
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/items", """[{"itemId":"m1","title":"One","categories":["drama"]},{"itemId":"m2","title":"Two","categories":["comedy"]}]""");
        await host.PostAsync("/api/events", $"[{ApiRequests.Event("e1", "u1", "m1")},{ApiRequests.Event("e2", "u2", "m2")}]");

        var response = await host.GetAsync("/api/users/new-user/recommendations?count=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.JsonAsync();
        Assert.Equal("new-user", (string?)list["userId"]);
        Assert.Equal("fallback", (string?)list["modelVersion"]);
        Assert.NotNull(list["items"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string?)list["recommendationId"]));
    }

    [Theory]
    [InlineData("count=0", "count")]
    [InlineData("count=abc", "count")]
    [InlineData("explain=maybe", "explain")]
    public async Task A_bad_recommendation_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync($"/api/users/u1/recommendations?{query}"), HttpStatusCode.BadRequest);
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    [Fact]
    public async Task No_current_model_is_a_404_problem()
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync("/api/models/current"), HttpStatusCode.NotFound);
        Assert.Equal("No model", (string?)problem["title"]);
    }

    // ---- training runs

    [Fact]
    public async Task Starting_a_training_run_is_202_with_the_status_url_and_a_queued_run()
    {
        await using var host = await StartAsync();
        var response = await host.PostAsync("/api/training/runs", "", "application/json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.JsonAsync();
        var runId = (string)accepted["runId"]!;
        Assert.Equal("queued", (string?)accepted["status"]);
        Assert.Equal($"/api/training/runs/{runId}", (string?)accepted["statusUrl"]);
        Assert.Equal($"/api/training/runs/{runId}", response.Headers.Location?.OriginalString);

        var run = await host.GetAsync($"/api/training/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(runId, (string?)(await run.JsonAsync())["runId"]);
    }

    [Fact]
    public async Task An_unknown_training_run_is_a_404_problem()
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync("/api/training/runs/nope"), HttpStatusCode.NotFound);
        Assert.Equal("Unknown training run", (string?)problem["title"]);
    }

    // ---- the API's description

    [Fact]
    public async Task The_openapi_document_and_its_docs_ui_are_served_from_the_host_itself()
    {
        await using var host = await StartAsync();

        var document = await host.GetAsync("/api/openapi.json");
        var page = await host.GetAsync("/api/docs");
        var bundle = await host.GetAsync("/api/docs/swagger-ui-bundle.js");
        var initializer = await host.GetAsync("/api/docs/longview-docs.js");
        var unknown = await host.GetAsync("/api/docs/nope.js");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.NotNull((await document.JsonAsync())["paths"]!["/api/users/{userId}/recommendations"]);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("src=\"docs/swagger-ui-bundle.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("SwaggerUIBundle", await bundle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("openapi.json", await initializer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.ReadAsync(unknown, HttpStatusCode.NotFound);
    }

    // ---- retention

    [Theory]
    [InlineData("daily")]
    [InlineData("monthly")]
    [InlineData("activity")]
    [InlineData("segments")]
    public async Task Retention_rows_are_a_json_envelope_or_csv_with_their_source(string kind)
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/events", ApiRequests.Event("e1", "u1"));

        var json = await host.GetAsync($"/api/retention/{kind}");
        var csvRequest = ApiRequests.Create(HttpMethod.Get, $"/api/retention/{kind}");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await host.SendAsync(csvRequest);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("computed", json.Headers.GetValues("X-Longview-Report-Source").Single());
        var envelope = await json.JsonAsync();
        Assert.Equal(kind, (string?)envelope["kind"]);
        Assert.Equal("computed", (string?)envelope["source"]);
        Assert.NotNull(envelope["rows"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Format_csv_asks_for_csv_without_a_header_and_names_a_file_to_save()
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/events", ApiRequests.Event("e1", "u1"));

        var csv = await host.GetAsync("/api/retention/activity?format=csv");
        var acceptCsv = ApiRequests.Create(HttpMethod.Get, "/api/retention/activity");
        acceptCsv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byHeader = await host.SendAsync(acceptCsv);
        var forcedJson = ApiRequests.Create(HttpMethod.Get, "/api/retention/activity?format=json");
        forcedJson.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var json = await host.SendAsync(forcedJson);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await byHeader.Content.ReadAsStringAsync(), await csv.Content.ReadAsStringAsync());
        Assert.StartsWith("day,dau,wau,mau,stickiness\n", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^\"?retention-activity-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.csv\"?$", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Null(byHeader.Content.Headers.ContentDisposition);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_format_is_a_400_problem_naming_the_parameter()
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync("/api/retention/daily?format=xlsx"), HttpStatusCode.BadRequest);

        Assert.Equal("format", (string?)problem["parameter"]);
        Assert.Contains("xlsx", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_download_link_of_the_page_answers_csv()
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/events", ApiRequests.Event("e1", "u1"));
        // The function key the page was opened with (Functions: ?code=) rides along, since a link cannot send a header.
        var response = await host.GetAsync("/api/retention/report?from=2021-01-01&to=2030-12-31&code=k%2F1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();

        var links = Regex.Matches(page, "href=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["activity", "daily", "monthly", "segments"], links.Select(l => l.Split('?')[0].Split('/')[^1]).Order());
        foreach (var link in links)
        {
            Assert.StartsWith("/api/retention/", link, StringComparison.Ordinal);
            Assert.EndsWith("?format=csv&from=2021-01-01&to=2030-12-31&code=k%2F1", link, StringComparison.Ordinal);
            var csv = await host.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_stored_daily_report_has_an_etag_per_representation_and_is_304_for_a_client_that_holds_it()
    {
        await using var host = await StartAsync();
        var computedAt = new DateTimeOffset(2025, 1, 2, 0, 15, 0, TimeSpan.Zero);
        await host.Services.GetRequiredService<IRetentionReportStore>().PutAsync(new StoredReport(ReportKind.Daily, new DateOnly(2025, 1, 1), computedAt,
            """[{"cohort":"2025-01-01","day":0,"cohortSize":2,"retained":2,"retainedOrLater":2,"retentionRate":1,"unboundedRate":1}]"""));

        var first = await host.GetAsync("/api/retention/daily");
        var again = await host.GetAsync("/api/retention/daily");
        var csv = await host.SendAsync(WithHeader(ApiRequests.Create(HttpMethod.Get, "/api/retention/daily"), "Accept", "text/csv"));
        var revalidated = await host.SendAsync(WithHeader(ApiRequests.Create(HttpMethod.Get, "/api/retention/daily"), "If-None-Match", first.Headers.ETag!.ToString()));
        var stale = await host.SendAsync(WithHeader(ApiRequests.Create(HttpMethod.Get, "/api/retention/daily"), "If-None-Match", "\"0123\""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("stored", first.Headers.GetValues("X-Longview-Report-Source").Single());
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.NotEqual(first.Headers.ETag, csv.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(first.Headers.ETag, revalidated.Headers.ETag);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await stale.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    [Fact]
    public async Task A_bad_retention_range_is_a_400_problem_naming_the_parameter()
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync("/api/retention/daily?from=yesterday"), HttpStatusCode.BadRequest);
        Assert.Equal("from", (string?)problem["parameter"]);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/retention/report?to=2025-13-01"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_retention_run_is_202_with_its_instance_id()
    {
        await using var host = await StartAsync();
        var response = await host.PostAsync("/api/retention/runs?from=2025-01-01&to=2025-01-03", "", "application/json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("retention-2025-01-01-2025-01-03-", (string?)(await response.JsonAsync())["instanceId"]);
    }

    [Theory]
    [InlineData("from=2025-01-01", "to")]
    [InlineData("to=2025-01-01", "from")]
    [InlineData("from=2025-01-05&to=2025-01-01", "from")]
    public async Task A_retention_run_without_a_valid_range_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.PostAsync($"/api/retention/runs?{query}", "", "application/json"), HttpStatusCode.BadRequest);
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    // ---- lifecycle

    [Fact]
    public async Task Segment_lists_are_404_until_the_lifecycle_job_ran_and_bad_parameters_are_400_naming_them()
    {
        await using var host = await StartAsync();

        await ProblemAssert.ReadAsync(await host.GetAsync("/api/segments/at_risk/users"), HttpStatusCode.NotFound);
        foreach (var (query, parameter) in new[] { ("?minRisk=2", "minRisk"), ("?limit=0", "limit"), ("?limit=x", "limit"), ("?cursor=nope", "cursor") })
        {
            var problem = await ProblemAssert.ReadAsync(await host.GetAsync("/api/segments/at_risk/users" + query), HttpStatusCode.BadRequest);
            Assert.Equal(parameter, (string?)problem["parameter"]);
        }
        var badName = await ProblemAssert.ReadAsync(await host.GetAsync("/api/segments/At%20Risk/users"), HttpStatusCode.BadRequest);
        Assert.Equal("segment", (string?)badName["parameter"]);
    }

    [Fact]
    public async Task After_the_lifecycle_job_members_page_by_value_at_risk_as_json_or_csv_and_users_read_their_lifecycle()
    {
        await using var host = await StartAsync();
        var events = new List<string>();
        for (var u = 0; u < 40; u++)
        {
            for (var d = 0; d <= u % 9; d++)
            {
                var day = new DateOnly(2025, 1, 1).AddDays((u * 3 + d * 11) % 80);
                events.Add(LifecycleEvent($"e{u}-{d}", $"user-{u}", day, d % 2 == 0 ? "purchase" : "view", 10 + u));
            }
        }
        foreach (var chunk in events.Chunk(15))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/api/events", "[" + string.Join(',', chunk) + "]")).StatusCode);
        }
        var summary = await host.Services.GetRequiredService<Longview.Core.Lifecycle.Jobs.LifecycleJob>().RunAsync(new DateOnly(2025, 3, 31));
        Assert.Equal(40, summary.UsersScored);

        var first = await host.GetAsync("/api/segments/dormant/users?limit=3");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.JsonAsync();
        Assert.Equal("2025-03-31", (string?)page["asOf"]);
        var users = page["users"]!.AsArray();
        Assert.Equal(3, users.Count);
        Assert.True((double)users[0]!["valueAtRisk"]! >= (double)users[1]!["valueAtRisk"]!);
        Assert.NotEmpty(users[0]!["reasons"]!.AsArray());
        var rows = (long)page["segmentRows"]!;
        var seen = users.Select(u => (string)u!["userId"]!).ToList();
        var cursor = (string?)page["nextCursor"];
        while (cursor is not null)
        {
            var next = await (await host.GetAsync($"/api/segments/dormant/users?limit=3&cursor={Uri.EscapeDataString(cursor)}")).JsonAsync();
            seen.AddRange(next["users"]!.AsArray().Select(u => (string)u!["userId"]!));
            cursor = (string?)next["nextCursor"];
        }
        Assert.Equal(rows, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var csvRequest = ApiRequests.Create(HttpMethod.Get, "/api/segments/dormant/users?limit=2");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await host.SendAsync(csvRequest);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Longview.Core.Lifecycle.Members.MemberCsv.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("rel=\"next\"", csv.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        var lifecycle = await host.GetAsync("/api/users/user-7/lifecycle");
        Assert.Equal(HttpStatusCode.OK, lifecycle.StatusCode);
        var user = await lifecycle.JsonAsync();
        Assert.Equal("user-7", (string?)user["userId"]);
        Assert.Equal("2025-03-31", (string?)user["modelAsOf"]);
        Assert.NotNull(user["rfm"]!["tier"]);
        Assert.NotEmpty(user["reasons"]!.AsArray());
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/users/nobody/lifecycle"), HttpStatusCode.NotFound);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/segments/group_99/users"), HttpStatusCode.NotFound);

        // Retention restricted to a segment's users: the monthly cohorts of the dormant users add up to that list.
        var monthly = await (await host.GetAsync("/api/retention/monthly?segment=dormant")).JsonAsync();
        Assert.Equal("2025-03-31", (string?)monthly["asOf"]);
        var cohorts = monthly["rows"]!.AsArray().GroupBy(r => (string)r!["cohortMonth"]!).Select(g => (long)g.First()!["cohortSize"]!).Sum();
        Assert.Equal(rows, cohorts);
        var everyone = await (await host.GetAsync("/api/retention/monthly?from=2025-01-01&to=2025-03-31")).JsonAsync();
        Assert.True(everyone["rows"]!.AsArray().GroupBy(r => (string)r!["cohortMonth"]!).Select(g => (long)g.First()!["cohortSize"]!).Sum() > cohorts);
        var badSegment = await ProblemAssert.ReadAsync(await host.GetAsync("/api/retention/daily?segment=Not%20One"), HttpStatusCode.BadRequest);
        Assert.Equal("segment", (string?)badSegment["parameter"]);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/retention/daily?segment=group_99"), HttpStatusCode.NotFound);

        // The report page draws the lifecycle day (nobody has churned in this data yet, so survival has no step).
        var html = await (await host.GetAsync("/api/retention/report")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"lifespans\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lifecycle-empty\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"segment-value-empty\"", html, StringComparison.Ordinal);
    }

    private static string LifecycleEvent(string eventId, string userId, DateOnly day, string type, double value)
    {
        var e = new JsonObject
        {
            ["eventId"] = eventId,
            ["userId"] = userId,
            ["itemId"] = "i1",
            ["type"] = type,
            ["timestamp"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T12:00:00Z",
        };
        if (type == "purchase")
        {
            e["value"] = value;
        }
        return e.ToJsonString();
    }

    [Fact]
    public async Task The_retention_page_is_html()
    {
        await using var host = await StartAsync();
        var response = await host.GetAsync("/api/retention/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    // ---- helpers

    /// <summary>A JSON array holding <paramref name="json"/>, padded with whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    protected static string Padded(string json, int bytes) => "[" + json + new string(' ', bytes - json.Length - 2) + "]";

    protected static HttpRequestMessage Chunked(string route, string body)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = ApiRequests.Create(HttpMethod.Post, route, content);
        request.Headers.TransferEncodingChunked = true;
        return request;
    }
}
