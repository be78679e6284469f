using System.Net;
using System.Text.Json.Nodes;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Serving;

/// <summary>The HTTP contract of GET /api/users/{userId}/recommendations in the self-hosted host, without a model.</summary>
public sealed class RecommendationsEndpointTests
{
    [Fact]
    public async Task An_unknown_user_gets_cold_start_items_from_the_fallback_when_no_model_is_loaded()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(20);

        var list = await app.RecommendAsync("nobody");

        Assert.Equal("nobody", list.UserId);
        Assert.Equal("fallback", list.ModelVersion);
        Assert.False(string.IsNullOrWhiteSpace(list.RecommendationId));
        Assert.False(string.IsNullOrWhiteSpace(list.Segment));
        Assert.Equal(10, list.Items.Count);
        Assert.Equal(list.Items.Count, list.Items.Select(i => i.ItemId).Distinct().Count());
        Assert.All(list.Items, item => Assert.StartsWith("item-", item.ItemId));
        Assert.All(list.Items, item => Assert.Null(item.Reason));

        var health = JsonNode.Parse(await app.Client.GetStringAsync("/api/health"))!;
        Assert.Equal("fallback", (string?)health["model"]);
        var model = await Problem.ReadAsync(await app.Client.GetAsync("/api/models/current"), HttpStatusCode.NotFound);
        Assert.Contains("fallback", (string?)model["detail"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20)]
    public async Task Count_is_honoured(int count)
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(30);

        var list = await app.RecommendAsync("u", $"?count={count}");

        Assert.Equal(count, list.Items.Count);
        Assert.Equal(count, list.Items.Select(i => i.ItemId).Distinct().Count());
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=101", "count")]
    [InlineData("?count=abc", "count")]
    [InlineData("?count=2.5", "count")]
    [InlineData("?count=-3", "count")]
    [InlineData("?count=1&count=2", "count")]
    [InlineData("?explain=yes", "explain")]
    [InlineData("?explain=1", "explain")]
    [InlineData("?exclude=a,,b", "exclude[1]")]
    [InlineData("?category=", "category")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);

        var problem = await Problem.ReadAsync(await app.Client.GetAsync($"/api/users/u/recommendations{query}"), HttpStatusCode.BadRequest);

        Assert.Equal(parameter, (string?)problem["parameter"]);
        Assert.StartsWith(parameter + ":", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Explain_true_gives_every_item_a_reason()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(20);
        await app.PostViewsAsync("ann", 1, 2, 5);

        var explained = await app.RecommendAsync("ann", "?explain=true&count=8");
        var plain = await app.RecommendAsync("ann", "?explain=false&count=8");

        Assert.Equal(8, explained.Items.Count);
        Assert.All(explained.Items, item => Assert.False(string.IsNullOrWhiteSpace(item.Reason), $"{item.ItemId} has no reason"));
        Assert.All(plain.Items, item => Assert.Null(item.Reason));
    }

    [Fact]
    public async Task Excluded_items_never_come_back_and_the_list_is_refilled()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(20);
        var first = await app.RecommendAsync("u", "?count=5");
        var excluded = first.Items.Select(i => i.ItemId).ToList();

        var second = await app.RecommendAsync("u", $"?count=5&exclude={string.Join(",", excluded)}");

        Assert.Equal(5, second.Items.Count);
        Assert.Empty(second.Items.Select(i => i.ItemId).Intersect(excluded));
    }

    [Fact]
    public async Task Category_keeps_only_items_of_that_category()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(20);

        var list = await app.RecommendAsync("u", "?count=5&category=c2");

        Assert.Equal(["item-10", "item-14", "item-18", "item-2", "item-6"], list.Items.Select(i => i.ItemId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Logged_impressions_make_a_repeated_item_fatigue_until_it_is_withheld()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path, logImpressions: true);
        const int catalogue = 6;
        await app.PostCatalogAsync(catalogue);
        await app.PostViewsAsync("fay", 1);

        // Asking for the whole catalogue shows every item each time: each list adds one impression per item.
        for (var shown = 1; shown <= 3; shown++)
        {
            var list = await app.RecommendAsync("fay", $"?count={catalogue}");
            Assert.Equal(catalogue, list.Items.Count);
            var profile = await ServingApp.EventuallyAsync(() => app.StoredProfileAsync("fay"), p => p.Impressions.Count == shown * catalogue, $"{shown * catalogue} impressions");
            Assert.All(profile.Impressions, impression => Assert.Contains(impression.ItemId, list.Items.Select(i => i.ItemId)));
        }
        // Three impressions a few seconds old weigh just under the threshold of 3: still shown, penalised.
        var fourth = await app.RecommendAsync("fay", $"?count={catalogue}");
        Assert.Equal(catalogue, fourth.Items.Count);
        await ServingApp.EventuallyAsync(() => app.StoredProfileAsync("fay"), p => p.Impressions.Count == 4 * catalogue, "the fourth list's impressions");

        var fifth = await app.RecommendAsync("fay", $"?count={catalogue}");

        Assert.Empty(fifth.Items);
    }
}
