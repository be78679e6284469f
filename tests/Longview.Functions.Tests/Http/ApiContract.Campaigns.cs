using System.Net;
using System.Text.Json.Nodes;
using Longview.Core.Campaigns;

namespace Longview.Functions.Tests.Http;

/// <summary>The win-back campaign routes, asserted on both hosts (configuration: <see cref="ApiRequests.ExperimentSettings"/>).</summary>
public abstract partial class ApiContract
{
    private static readonly CampaignDefinition ContractCampaign = new() { Id = ApiRequests.CampaignId, HoldoutShare = 0.3 };

    /// <summary>Users whose only activity was on 2025-01-01: churned by now, so in the campaign's audience.</summary>
    private static async Task<List<string>> SeedChurnedUsersAsync(IApiHost host, int count)
    {
        var users = Enumerable.Range(0, count).Select(i => $"lapsed-{i:00}").ToList();
        await host.PostAsync("/api/events", "[" + string.Join(',', users.Select((u, i) => ApiRequests.Event($"c{i}", u))) + "]");
        return users;
    }

    [Fact]
    public async Task Enrolment_enters_the_audience_by_arm_and_members_export_the_treated_page_by_page()
    {
        await using var host = await StartAsync();
        var users = await SeedChurnedUsersAsync(host, 23);
        var treated = users.Where(u => CampaignArm.Of(ContractCampaign, u) == CampaignArm.Treatment).Order(StringComparer.Ordinal).ToList();

        var enrolment = await (await host.PostAsync($"/api/campaigns/{ApiRequests.CampaignId}/enrolments", "")).JsonAsync();
        Assert.True((bool)enrolment["running"]!);
        Assert.Equal(treated.Count, (long)enrolment["treatment"]!);
        Assert.Equal(users.Count - treated.Count, (long)enrolment["holdout"]!);

        var exported = new List<string>();
        string? cursor = null;
        do
        {
            var response = await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/members?limit=5" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            Assert.Equal("we-miss-you", (string?)page["message"]!["template"]);
            var members = page["members"]!.AsArray();
            Assert.True(members.Count <= 5);
            exported.AddRange(members.Select(m => (string)m!["userId"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(treated, exported.Order(StringComparer.Ordinal));

        var csv = await (await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/members?format=csv")).Content.ReadAsStringAsync();
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("user_id,entered_at,message_template", lines[0]);
        Assert.Equal(treated.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",we-miss-you", l, StringComparison.Ordinal));

        // CSV pages the way the segment lists do: the next page is a Link rel="next" with the query kept, the last has none.
        var firstCsv = await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/members?format=csv&limit=5");
        var link = firstCsv.Headers.GetValues("Link").Single();
        Assert.Matches("^<[^>]*/api/campaigns/" + ApiRequests.CampaignId + "/members\\?format=csv&limit=5&cursor=[^>]+>; rel=\"next\"$", link);
        var next = link[(link.IndexOf("/api/", StringComparison.Ordinal))..link.IndexOf('>', StringComparison.Ordinal)];
        Assert.Equal(6, (await (await host.GetAsync(next)).Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Length);
        Assert.False((await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/members?format=csv&limit=100")).Headers.Contains("Link"));
    }

    [Fact]
    public async Task A_churned_users_list_names_their_campaign_arm_and_results_compare_the_entered_arms()
    {
        await using var host = await StartAsync();
        var users = await SeedChurnedUsersAsync(host, 10);
        await host.PostAsync($"/api/campaigns/{ApiRequests.CampaignId}/enrolments", "");

        var list = await (await host.GetAsync($"/api/users/{users[0]}/recommendations?count=2")).JsonAsync();
        Assert.Contains(list["experiments"]!.AsArray(), a => (string?)a!["experimentId"] == "campaign:" + ApiRequests.CampaignId
            && (string?)a["variant"] == CampaignArm.Of(ContractCampaign, users[0]));

        var results = await (await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/results")).JsonAsync();
        Assert.Equal("holdout", (string?)results["control"]);
        var counts = results["sampleRatio"]!["variants"]!.AsArray().ToDictionary(v => (string)v!["variant"]!, v => (long)v!["users"]!);
        Assert.Equal(users.Count(u => CampaignArm.Of(ContractCampaign, u) == CampaignArm.Holdout), counts["holdout"]);
        Assert.Equal(users.Count, counts["holdout"] + counts["treatment"]);
        Assert.Contains(results["metrics"]!.AsArray(), m => (string?)m!["metric"] == "reactivated");
    }

    [Fact]
    public async Task Campaign_routes_answer_problems_for_unknown_ids_bad_paging_and_undeclared_posts()
    {
        await using var host = await StartAsync();

        var listed = await (await host.GetAsync("/api/campaigns")).JsonAsync();
        var campaign = Assert.Single(listed["campaigns"]!.AsArray())!;
        Assert.Equal("running", (string?)campaign["status"]);
        Assert.Equal(0.3, (double?)campaign["holdoutShare"]);
        Assert.Equal("churned", (string?)campaign["audience"]!["segments"]![0]);

        await ProblemAssert.ReadAsync(await host.GetAsync("/api/campaigns/nope"), HttpStatusCode.NotFound);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/campaigns/nope/members"), HttpStatusCode.NotFound);
        await ProblemAssert.ReadAsync(await host.GetAsync("/api/campaigns/nope/results"), HttpStatusCode.NotFound);
        await ProblemAssert.ReadAsync(await host.PostAsync("/api/campaigns/nope/enrolments", ""), HttpStatusCode.NotFound);
        await ProblemAssert.ReadAsync(await host.PostAsync($"/api/campaigns/{ApiRequests.CampaignId}/enrolments", "", null), HttpStatusCode.UnsupportedMediaType);
        var limit = await ProblemAssert.ReadAsync(await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/members?limit=0"), HttpStatusCode.BadRequest);
        Assert.Equal("limit", (string?)limit["parameter"]);
        var cursor = await ProblemAssert.ReadAsync(await host.GetAsync($"/api/campaigns/{ApiRequests.CampaignId}/members?cursor=***"), HttpStatusCode.BadRequest);
        Assert.Equal("cursor", (string?)cursor["parameter"]);
    }
}
