using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

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
