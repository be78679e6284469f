using System.Text.Json.Nodes;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Serving;

/// <summary>A model promoted while the self-hosted host runs is picked up by its polling service and serves.</summary>
public sealed class ModelPickupTests(TinyModel model) : IClassFixture<TinyModel>
{
    [TinyModelFact]
    public async Task A_model_promoted_into_the_blob_store_is_picked_up_by_the_running_host()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(40);
        await app.PostViewsAsync("hal", 3, 7, 11, 15);
        Assert.Equal("fallback", (await app.RecommendAsync("hal")).ModelVersion);

        await model.UploadAsync(app.Blobs);
        await ServingApp.PromoteAsync(app.Blobs, TinyModel.Version);

        var served = await ServingApp.EventuallyAsync(() => app.RecommendAsync("hal", "?count=12&explain=true"), r => r.ModelVersion == TinyModel.Version, "the promoted model to serve");
        Assert.Equal(12, served.Items.Count);
        Assert.All(served.Items, item => Assert.False(string.IsNullOrWhiteSpace(item.Reason)));
        var health = JsonNode.Parse(await app.Client.GetStringAsync("/api/health"))!;
        Assert.Equal(TinyModel.Version, (string?)health["model"]);
        var current = JsonNode.Parse(await app.Client.GetStringAsync("/api/models/current"))!;
        Assert.Equal(TinyModel.Version, (string?)current["version"]);
        Assert.Equal(40, (int?)current["itemCount"]);
        Assert.Equal(12, (int?)current["maxLength"]);
        Assert.NotNull(current["trainedAt"]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-02T00:00:00Z"), DateTimeOffset.Parse((string)current["promotedAt"]!));
    }

    [TinyModelFact]
    public async Task Excluded_and_category_filters_hold_on_the_model_path()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path);
        await app.PostCatalogAsync(40);
        await app.PostViewsAsync("ivy", 1, 2, 3);
        await model.UploadAsync(app.Blobs);
        await ServingApp.PromoteAsync(app.Blobs, TinyModel.Version);
        var first = await ServingApp.EventuallyAsync(() => app.RecommendAsync("ivy", "?count=5"), r => r.ModelVersion == TinyModel.Version, "the promoted model to serve");

        var excluded = first.Items.Select(i => i.ItemId).ToList();
        var second = await app.RecommendAsync("ivy", $"?count=5&exclude={string.Join(",", excluded)}");
        var inCategory = await app.RecommendAsync("ivy", "?count=5&category=c1");

        Assert.Equal(TinyModel.Version, second.ModelVersion);
        Assert.Equal(5, second.Items.Count);
        Assert.Empty(second.Items.Select(i => i.ItemId).Intersect(excluded));
        Assert.Equal(5, inCategory.Items.Count);
        Assert.All(inCategory.Items, item => Assert.Equal(1, int.Parse(item.ItemId["item-".Length..]) % 4));
    }
}
