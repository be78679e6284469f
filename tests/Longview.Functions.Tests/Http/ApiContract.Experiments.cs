using System.Net;
using System.Text.Json.Nodes;
using Longview.Core.Experiments;

namespace Longview.Functions.Tests.Http;

/// <summary>The experiment and list outcome routes, asserted on both hosts (same configuration: <see cref="ApiRequests.ExperimentSettings"/>).</summary>
public abstract partial class ApiContract
{
    private static readonly ExperimentDefinition ContractExperiment = new()
    {
        Id = ApiRequests.ExperimentId,
        Variants = [new() { Name = "control", Share = 0.5 }, new() { Name = "fresh", Share = 0.5 }],
    };

    private static async Task SeedCatalogueAsync(IApiHost host)
    {
        await host.PostAsync("/api/items", """[{"itemId":"m1","title":"One","categories":["drama"]},{"itemId":"m2","title":"Two","categories":["comedy"]}]""");
        await host.PostAsync("/api/events", $"[{ApiRequests.Event("e1", "u1", "m1")},{ApiRequests.Event("e2", "u2", "m2")}]");
    }

    [Fact]
    public async Task A_list_names_the_users_variant_of_each_running_experiment_the_same_every_time()
    {
        await using var host = await StartAsync();
        await SeedCatalogueAsync(host);

        foreach (var user in new[] { "alice", "bob", "carol", "dave" })
        {
            var first = await (await host.GetAsync($"/api/users/{user}/recommendations?count=2")).JsonAsync();
            var again = await (await host.GetAsync($"/api/users/{user}/recommendations?count=2")).JsonAsync();

            var assignment = Assert.Single(first["experiments"]!.AsArray())!;
            Assert.Equal(ApiRequests.ExperimentId, (string?)assignment["experimentId"]);
            Assert.Equal(ExperimentAssigner.VariantOf(ContractExperiment, user).Name, (string?)assignment["variant"]);
            Assert.True(JsonNode.DeepEquals(first["experiments"], again["experiments"]));
        }
    }

    [Fact]
    public async Task Experiments_are_listed_with_their_status_and_an_unknown_one_is_a_404_problem()
    {
        await using var host = await StartAsync();

        var list = await (await host.GetAsync("/api/experiments")).JsonAsync();
        var experiment = Assert.Single(list["experiments"]!.AsArray())!;
        Assert.Equal(ApiRequests.ExperimentId, (string?)experiment["id"]);
        Assert.Equal("running", (string?)experiment["status"]);
        Assert.Equal(2, experiment["variants"]!.AsArray().Count);
        Assert.Equal(0.5, (double?)experiment["variants"]![1]!["weights"]!["explorationShare"]);

        var one = await host.GetAsync($"/api/experiments/{ApiRequests.ExperimentId}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/experiments/nope"), HttpStatusCode.NotFound);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/experiments/nope/results"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Results_count_every_exposed_user_once_in_their_variant_and_warn_before_the_horizon()
    {
        await using var host = await StartAsync();
        await SeedCatalogueAsync(host);
        var users = Enumerable.Range(0, 12).Select(i => $"user-{i}").ToList();
        foreach (var user in users.Concat(users))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/users/{user}/recommendations?count=2")).StatusCode);
        }

        // The self-hosted app logs lists in the background: wait until they are in (the Functions app logs before answering).
        var results = await EventuallyAsync(host, $"/api/experiments/{ApiRequests.ExperimentId}/results",
            r => r["sampleRatio"]!["variants"]!.AsArray().Sum(v => (long)v!["users"]!) == users.Count);

        var counts = results["sampleRatio"]!["variants"]!.AsArray().ToDictionary(v => (string)v!["variant"]!, v => (long)v!["users"]!);
        Assert.Equal(users.Count(u => ExperimentAssigner.VariantOf(ContractExperiment, u).Name == "control"), counts["control"]);
        Assert.Equal(users.Count(u => ExperimentAssigner.VariantOf(ContractExperiment, u).Name == "fresh"), counts["fresh"]);
        Assert.Contains("horizon", (string?)results["warnings"]![0]);
        var metrics = results["metrics"]!.AsArray().Select(m => (string)m!["metric"]!).ToList();
        Assert.Equal(["return_d1", "return_d7", "return_d30", "reactivated", "active_days7d", "sessions7d", "clicks_per_user", "ctr", "value_per_user"], metrics);
    }

    [Fact]
    public async Task Todays_lists_are_logged_and_counted_as_open_until_their_attribution_window_ends()
    {
        await using var host = await StartAsync();
        await SeedCatalogueAsync(host);
        // The days before and after serving: equal except across midnight, when the list's day is one of the two.
        var before = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/users/alice/recommendations?count=2")).StatusCode);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var report = await EventuallyAsync(host, $"/api/outcomes/lists?from={before}&to={today}", r => (long)r["scannedLists"]! >= 1);

        Assert.Equal(1, (long)report["scannedLists"]!);
        Assert.Equal(1, (long)report["openLists"]!);
        Assert.Equal(0, (long)report["overall"]!["lists"]!);
        Assert.Equal(24, (double)report["attributionWindowHours"]!);
    }

    [Fact]
    public async Task The_outcome_report_says_its_source_and_carries_an_etag()
    {
        await using var host = await StartAsync();
        const string path = "/api/outcomes/lists?from=2025-01-01&to=2025-01-03";

        var first = await host.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // No daily outcome job has stored these days: every one is computed on request.
        Assert.Equal("computed", first.Headers.GetValues("X-Longview-Report-Source").Single());
        Assert.Empty((await first.JsonAsync())["byDay"]!.AsArray());
        // A computed answer carries its computation time, so only a stored one is stable enough to revalidate; both are tagged.
        Assert.NotNull(first.Headers.ETag);
        var stale = await host.SendAsync(WithHeader(ApiRequests.Create(HttpMethod.Get, path), "If-None-Match", "\"0123\""));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Theory]
    [InlineData("from=2025-01-01&to=2025-03-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2025-02-30", "to")]
    public async Task A_bad_outcome_range_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        await using var host = await StartAsync();
        var problem = await ProblemAssert.ReadAsync(await host.GetAsync($"/api/outcomes/lists?{query}"), HttpStatusCode.BadRequest);
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    /// <summary>
    /// Reads <paramref name="path"/> until <paramref name="done"/> holds (the self-hosted app logs lists in the background;
    /// the Functions app before answering), for at most 10 s; then answers the last read, which the caller's asserts judge.
    /// </summary>
    private static async Task<JsonNode> EventuallyAsync(IApiHost host, string path, Func<JsonNode, bool> done)
    {
        JsonNode read = null!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            read = await (await host.GetAsync(path)).JsonAsync();
            if (done(read))
            {
                break;
            }
            await Task.Delay(100);
        }
        return read;
    }
}
