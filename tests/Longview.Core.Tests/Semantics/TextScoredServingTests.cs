using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Semantics;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Longview.Core.Tests.Ranking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Semantics;

/// <summary>
/// Issue 16's "done means": an item posted with only a title and a description, never seen by the model, is scored by
/// the current model from its text and recommended to the user whose history matches it, with a reason naming a liked item.
/// </summary>
public sealed class TextScoredServingTests
{
    private static readonly DateTimeOffset Now = ServingWorld.Now;

    // Eight known items with 4-dim embeddings of orthogonal columns (pinv = E^T / 8); the model's state is the embedding
    // of the last item in the history, and its scores are E · h, as the exported SASRec's are.
    private sealed class LinearModel(TextProjection? text) : IModelSource, IModelLease
    {
        public static float E(int item, int k) => System.Numerics.BitOperations.PopCount((uint)((item - 1) & k)) % 2 == 0 ? 1 : -1;

        public IModelLease? Acquire() => this;

        public ModelDescription? Current => new("linear", null, null, 8, 8, null);

        public string Version => "linear";

        public int MaxLength => 8;

        public int ItemCount => 8;

        public int IndexOf(string itemId) => itemId.StartsWith('i') && int.TryParse(itemId[1..], out var i) && i is >= 1 and <= 8 ? i : 0;

        public string ItemAt(int index) => $"i{index}";

        public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
        {
            var last = sequence[^1];
            scores[0] = -1e9f;
            for (var i = 1; i <= 8; i++)
            {
                scores[i] = Enumerable.Range(0, 4).Sum(k => E(i, k) * E(last, k));
            }
        }

        public IReadOnlyList<ChurnFeature> ChurnFeatures => [];

        public float PredictChurn(ReadOnlySpan<float> features) => throw new NotSupportedException();

        public TextProjection? Text => text;

        public void Dispose()
        {
        }
    }

    private static TextProjection Projection(NewItemScoring? scoring = null)
    {
        var g = new float[4, 9];
        for (var k = 0; k < 4; k++)
        {
            for (var i = 1; i <= 8; i++)
            {
                g[k, i] = LinearModel.E(i, k) / 8f;
            }
        }
        var identity = new float[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
        return TextProjection.Parse(ProjectionFile.Bytes(identity, new float[4], g), "words@1", 4, 4, 9, scoring);
    }

    private static async Task<Recommendation> RecommendAsync(bool withText, bool embeddingCurrent = true, NewItemScoring? scoring = null)
    {
        var items = Enumerable.Range(1, 8).Select(i => new CatalogItem($"i{i}", $"Title {i}", [i % 2 == 0 ? "crime" : "comedy"])).ToList();
        // Posted after training: only a title and a description, no categories, no creation time (so no new-item slot).
        var posted = new CatalogItem("posted", "The Score", [], null, "A safecracker takes one last job.");
        items.Add(posted);
        var store = new MemoryEmbeddings();
        var now = Now;
        // Its text embedding says what item i2 is (in a real deployment: the encoder's vector, projected by the job's W).
        await store.UpsertManyAsync([.. Enumerable.Range(1, 8).Select(i => new ItemEmbedding($"i{i}", "words@1", ItemText.Hash(ItemText.Compose(items[i - 1])),
                [.. Enumerable.Range(0, 4).Select(k => LinearModel.E(i, k) / 2f)], now)),
            new ItemEmbedding("posted", "words@1", embeddingCurrent ? ItemText.Hash(ItemText.Compose(posted)) : "stale", [.. Enumerable.Range(0, 4).Select(k => LinearModel.E(2, k) / 2f)], now)]);
        var time = new FixedTime(Now);
        var world = new ServingWorld(seed: 1);
        var profile = world.Build("u1", [("i5", EventType.Click, Now.AddHours(-2)), ("i2", EventType.Click, Now.AddHours(-1))]);
        var service = new RecommendationService(
            new MemoryProfiles([profile]),
            new LinearModel(withText ? Projection(scoring) : null),
            new CatalogSnapshotCache(new MemoryCatalog(items), time, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance, store, new WordEncoder(4)),
            new FixedPopularitySource(new PopularityTable(items.Select(i => KeyValuePair.Create(i.ItemId, 1.0)))),
            time,
            Options.Create(new RecommendationOptions()),
            NullLogger<RecommendationService>.Instance);
        return await service.RecommendAsync("u1", new RecommendationRequest(3, Explain: true, RecommendationId: "r1"));
    }

    [Fact]
    public async Task A_posted_item_is_recommended_from_its_text_with_the_liked_item_it_resembles_as_reason()
    {
        var result = await RecommendAsync(withText: true);

        var posted = Assert.Single(result.Items, i => i.ItemId == "posted");
        Assert.Equal("because you liked Title 2", posted.Reason);
        Assert.Equal("linear", result.ModelVersion);
    }

    [Fact]
    public async Task Without_the_model_s_projection_or_with_a_stale_embedding_the_posted_item_waits()
    {
        Assert.DoesNotContain((await RecommendAsync(withText: false)).Items, i => i.ItemId == "posted");
        Assert.DoesNotContain((await RecommendAsync(withText: true, embeddingCurrent: false)).Items, i => i.ItemId == "posted");
    }

    [Fact]
    public async Task The_posted_item_is_served_with_the_score_the_fitted_combiner_gives_it()
    {
        // Raw, the posted item's text score ties the best known item (4). A combiner that learned new items are rarely
        // chosen (offset -6) ranks it below the known items; one that also weighs its content similarity to the history
        // (cosine 0.71 to i5 + i2, weight 10: 4 - 6 + 7.1) brings it back.
        var rare = NewItemScoring.Create(NewItemScoring.Features, [1, 0, 0, 0], -6);
        var similar = NewItemScoring.Create(NewItemScoring.Features, [1, 0, 10, 0], -6);

        Assert.DoesNotContain((await RecommendAsync(withText: true, scoring: rare)).Items, i => i.ItemId == "posted");
        Assert.Contains((await RecommendAsync(withText: true, scoring: similar)).Items, i => i.ItemId == "posted");
    }
}
