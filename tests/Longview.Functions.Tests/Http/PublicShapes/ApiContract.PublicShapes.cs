using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Longview.Core.Training.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Http;

/// <summary>The readable shapes of the API in both hosts: the public profile (not the stored encoding) and the paged list of training runs.</summary>
public abstract partial class ApiContract
{
    [Fact]
    public async Task A_profile_reads_as_dates_counts_and_scores_not_the_stored_encoding()
    {
        await using var host = await StartAsync();
        await host.PostAsync("/api/items", """[{"itemId":"m1","title":"Heat","categories":["crime","drama"]},{"itemId":"m2","title":"Up","categories":["animation"]}]""");
        var events = new JsonArray(
            Event("e1", "view", "m1", "2025-03-01T10:00:00Z"),
            Event("e2", "rating", "m1", "2025-03-01T10:05:00Z", 4),
            Event("e3", "purchase", "m2", "2025-03-03T09:00:00Z", 9.5),
            Event("e4", "session_start", null, "2025-03-03T08:59:00Z"));
        Assert.Equal(4, (int?)(await (await host.PostAsync("/api/events", events.ToJsonString())).JsonAsync())["accepted"]);

        var response = await host.GetAsync("/api/users/u1/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var profile = JsonNode.Parse(text)!;
        Assert.Equal("u1", (string?)profile["userId"]);
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T10:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)profile["firstSeen"]!, CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse("2025-03-03T09:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)profile["lastSeen"]!, CultureInfo.InvariantCulture));
        var activity = profile["activity"]!;
        Assert.Equal(2, (int)activity["activeDays"]!);
        Assert.Equal("2025-03-01", (string?)activity["firstActiveDay"]);
        Assert.Equal("2025-03-03", (string?)activity["lastActiveDay"]);
        Assert.Equal(1, (long)activity["sessionStarts"]!);
        Assert.Equal(2, (int)activity["inferredSessions"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"view":1,"purchase":1,"rating":1,"session_start":1}"""), profile["events"]));
        // Newest first, with the event type by its wire name.
        Assert.Equal(["m2", "m1", "m1"], profile["recent"]!.AsArray().Select(r => (string)r!["itemId"]!));
        Assert.Equal("purchase", (string?)profile["recent"]![0]!["type"]);
        Assert.Equal(4.0, (double)profile["ratings"]!["mean"]!);
        Assert.Equal(9.5, (double)profile["purchases"]!["total"]!);
        Assert.Equal(1, (int)profile["purchases"]!["purchaseDays"]!);
        var affinities = profile["affinities"]!.AsArray();
        Assert.Equal(["animation", "crime", "drama"], affinities.Select(a => (string)a!["category"]!).Order(StringComparer.Ordinal));
        Assert.All(affinities, a => Assert.True((double)a!["score"]! > 0));
        // The stored encoding stays internal: no log2 sums, no packed days, no dedup record, no format number.
        foreach (var stored in new[] { "log2", "deltas", "\"seen\"", "\"format\"", "eventKey", "horizon" })
        {
            Assert.DoesNotContain(stored, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Training_runs_are_listed_newest_first_a_page_at_a_time()
    {
        await using var host = await StartAsync();
        var empty = await host.GetAsync("/api/training/runs");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var none = await empty.JsonAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"runs":[],"next":null}"""), none));

        var store = host.Services.GetRequiredService<ITrainingRunStore>();
        var start = new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
        var ids = new List<string>();
        for (var day = 0; day < 5; day++)
        {
            var run = new TrainingRunRecord
            {
                RunId = TrainingRunIds.Create(start.AddDays(day), Guid.NewGuid()),
                Trigger = "schedule",
                RequestedAt = start.AddDays(day),
                Status = day == 4 ? TrainingRunStatus.Rejected : TrainingRunStatus.Promoted,
                CandidateVersion = $"v{day}",
                Reason = $"reason {day}",
            };
            await store.SaveAsync(run, CancellationToken.None);
            ids.Add(run.RunId);
        }
        ids.Reverse();

        var seen = new List<string>();
        var target = "/api/training/runs?limit=2";
        var pages = 0;
        while (target is not null)
        {
            var response = await host.GetAsync(target);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            var runs = page["runs"]!.AsArray();
            Assert.InRange(runs.Count, 1, 2);
            foreach (var run in runs)
            {
                var runId = (string)run!["runId"]!;
                seen.Add(runId);
                Assert.Equal($"/api/training/runs/{runId}", (string?)run["href"]);
                Assert.Equal(HttpStatusCode.OK, (await host.GetAsync((string)run["href"]!)).StatusCode);
            }
            target = (string?)page["next"];
            pages++;
        }

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
        var newest = (await (await host.GetAsync("/api/training/runs?limit=1")).JsonAsync())["runs"]![0]!;
        Assert.Equal("rejected", (string?)newest["status"]);
        Assert.Equal("v4", (string?)newest["candidateVersion"]);
        Assert.Equal("reason 4", (string?)newest["reason"]);
        Assert.Equal("schedule", (string?)newest["trigger"]);
        Assert.Equal(start.AddDays(4), DateTimeOffset.Parse((string)newest["requestedAt"]!, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("before=..%2Fx", "before")]
    public async Task A_bad_training_run_page_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        await using var host = await StartAsync();

        var problem = await ProblemAssert.ReadAsync(await host.GetAsync($"/api/training/runs?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    private static JsonObject Event(string eventId, string type, string? itemId, string timestamp, double? value = null)
    {
        var node = new JsonObject { ["eventId"] = eventId, ["userId"] = "u1", ["type"] = type, ["timestamp"] = timestamp };
        if (itemId is not null)
        {
            node["itemId"] = itemId;
        }
        if (value is not null)
        {
            node["value"] = value;
        }
        return node;
    }
}
