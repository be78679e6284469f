using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Longview.Core.Retention.Jobs;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Retention;

/// <summary>GET /api/retention/* on Kestrel over the SQLite stores: validation, on-demand vs stored answers, JSON and CSV.</summary>
public sealed class RetentionRoutesTests
{
    [Theory]
    [InlineData("daily", "from=2024-02-30", "from")]
    [InlineData("monthly", "from=2024-01-01&to=2024/02/01", "to")]
    [InlineData("activity", "from=2024-03-01&to=2024-02-01", "from")]
    [InlineData("segments", "from=2000-01-01&to=2024-01-01", "to")]
    public async Task A_bad_range_is_a_400_problem_naming_the_parameter(string kind, string query, string parameter)
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        using var response = await app.Client.GetAsync($"/api/retention/{kind}?{query}");
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(parameter, (string?)problem["parameter"]);
        Assert.Contains(parameter, (string?)problem["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_stored_report_the_tables_are_computed_on_demand_and_say_so()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        await RetentionData.PostAsync(app.Client);

        using var response = await app.Client.GetAsync("/api/retention/monthly?from=2024-01-01&to=2024-03-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("computed", response.Headers.GetValues("X-Longview-Report-Source").Single());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("computed", (string?)body["source"]);
        Assert.Equal("2024-03-31", (string?)body["asOf"]);
        var rows = body["rows"]!.AsArray();
        var janMonth2 = rows.Single(r => (string?)r!["cohortMonth"] == "2024-01-01" && (int)r!["month"]! == 2)!;
        Assert.Equal(3, (long)janMonth2["cohortSize"]!);
        Assert.Equal(1, (long)janMonth2["retained"]!);
        Assert.Equal(1, (long)janMonth2["retainedOrLater"]!);
        Assert.Null(rows.Single(r => (string?)r!["cohortMonth"] == "2024-01-01" && (int)r!["month"]! == 3)!["retained"]); // April not elapsed
    }

    [Fact]
    public async Task After_a_job_run_the_stored_report_is_served_as_json_and_as_csv()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        await RetentionData.PostAsync(app.Client);
        await app.Services.GetRequiredService<RetentionJob>().RunAsync(RetentionData.AsOf);

        var json = JsonNode.Parse(await app.Client.GetStringAsync("/api/retention/daily?from=2024-02-01&to=2024-02-01"))!;
        Assert.Equal("stored", (string?)json["source"]);
        Assert.Equal("2024-03-31", (string?)json["asOf"]);
        var d14 = json["rows"]!.AsArray().Single(r => (int)r!["day"]! == 14)!; // d: not active on 02-15, but later (03-01)
        Assert.Equal(0.0, (double)d14["retentionRate"]!);
        Assert.Equal(1.0, (double)d14["unboundedRate"]!);
        Assert.All(json["rows"]!.AsArray(), r => Assert.Equal("2024-02-01", (string?)r!["cohort"]));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/retention/activity?from=2024-03-01&to=2024-03-02");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await app.Client.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("stored", csv.Headers.GetValues("X-Longview-Report-Source").Single());
        // 03-01: d active (DAU 1); WAU: d; MAU (02-01..03-01): a (02-10) and d.
        Assert.Equal("day,dau,wau,mau,stickiness\n2024-03-01,1,1,2,0.5\n2024-03-02,0,1,2,0\n", await csv.Content.ReadAsStringAsync());

        var segments = JsonNode.Parse(await app.Client.GetStringAsync("/api/retention/segments?from=2024-03-31&to=2024-03-31"))!;
        var row = segments["rows"]!.AsArray().Single()!;
        Assert.Equal(4, (long)row["total"]!);
    }
}
