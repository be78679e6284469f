using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Ranking;
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

/// <summary>Issue 16 item 5: the diversity term compares meanings when it can, and reasons name the liked item most alike in meaning.</summary>
public sealed class EmbeddingReasonsAndDiversityTests
{
    private static readonly DateTimeOffset Now = ServingWorld.Now;

    private static Candidate Candidate(string id, double relevance, string category, float[]? embedding = null) =>
        new(id, relevance, [category], 0.1, CandidateSource.Model, Embedding: embedding);

    private static readonly RankingWeights MmrOnly = new() { Diversity = 1, Novelty = 0, Fatigue = 0, ExplorationShare = 0, ChurnExplorationBoost = 0 };

    [Fact]
    public void With_embeddings_the_second_pick_avoids_the_item_that_means_the_same_as_the_first()
    {
        float[] heat = [1, 0, 0], heist = [0.995f, 0.0998f, 0], cartoon = [0.6f, 0, 0.8f];
        // Three different categories: by categories nothing is alike, so relevance alone orders them.
        List<Candidate> plain = [Candidate("heat", 1.0, "crime"), Candidate("ronin", 0.9, "thriller"), Candidate("toy", 0.8, "animation")];
        List<Candidate> meaning = [Candidate("heat", 1.0, "crime", heat), Candidate("ronin", 0.9, "thriller", heist), Candidate("toy", 0.8, "animation", cartoon)];

        var byCategories = RetentionReRanker.Rerank(plain, 2, MmrOnly, 0, 1).Select(r => r.Candidate.ItemId);
        var byMeaning = RetentionReRanker.Rerank(meaning, 2, MmrOnly, 0, 1).Select(r => r.Candidate.ItemId);

        Assert.Equal(["heat", "ronin"], byCategories);
        Assert.Equal(["heat", "toy"], byMeaning);
    }

    [Fact]
    public void A_pair_where_one_has_no_embedding_is_compared_by_categories()
    {
        // casino has no embedding: against heat it counts as alike by their shared category, and toy, unrelated in
        // meaning, takes the second place although it is less relevant.
        List<Candidate> pool = [Candidate("heat", 1.0, "crime", [1, 0]), Candidate("casino", 0.9, "crime"), Candidate("toy", 0.85, "animation", [0, 1])];

        Assert.Equal(["heat", "toy"], RetentionReRanker.Rerank(pool, 2, MmrOnly, 0, 1).Select(r => r.Candidate.ItemId));
        Assert.Equal(["heat", "casino"], RetentionReRanker.Rerank([pool[0], pool[1] with { Categories = ["drama"] }, pool[2]], 2, MmrOnly, 0, 1).Select(r => r.Candidate.ItemId));
    }

    /// <summary>Four known items; the model always ranks i3 (Casino) first.</summary>
    private sealed class FixedModel : IModelSource, IModelLease
    {
        public IModelLease? Acquire() => this;

        public ModelDescription? Current => new("fixed", null, null, 4, 8, null);

        public string Version => "fixed";

        public int MaxLength => 8;

        public int ItemCount => 4;

        public int IndexOf(string itemId) => itemId switch { "heat" => 1, "toy" => 2, "casino" => 3, "up" => 4, _ => 0 };

        public string ItemAt(int index) => index switch { 1 => "heat", 2 => "toy", 3 => "casino", 4 => "up", _ => "" };

        public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
        {
            scores[0] = -1e9f;
            scores[1] = 1;
            scores[2] = 1;
            scores[3] = 5;
            scores[4] = 2;
        }

        public IReadOnlyList<ChurnFeature> ChurnFeatures => [];

        public float PredictChurn(ReadOnlySpan<float> features) => throw new NotSupportedException();

        public TextProjection? Text => null;

        public void Dispose()
        {
        }
    }

    private static async Task<string?> ReasonForCasinoAsync(bool withEmbeddings, WordEncoder? encoder = null)
    {
        CatalogItem[] items = [new("heat", "Heat", ["Crime"]), new("toy", "Toy Story", ["Crime"]), new("casino", "Casino", ["Crime"]), new("up", "Up", ["Animation"])];
        var vectors = new Dictionary<string, float[]> { ["heat"] = [1, 0], ["toy"] = [0, 1], ["casino"] = [0.95f, 0.31f], ["up"] = [0.1f, 0.99f] };
        var store = new MemoryEmbeddings();
        if (withEmbeddings)
        {
            await store.UpsertManyAsync([.. items.Select(i => new ItemEmbedding(i.ItemId, "words@1", ItemText.HashOf(i), vectors[i.ItemId], Now))]);
        }
        var time = new FixedTime(Now);
        // Heat first, Toy Story most recent: by categories (all Crime) the most recent liked item would be named.
        var profile = new ServingWorld(seed: 1).Build("u1", [("heat", EventType.Like, Now.AddHours(-2)), ("toy", EventType.Like, Now.AddHours(-1))]);
        var service = new RecommendationService(
            new MemoryProfiles([profile]),
            new FixedModel(),
            new CatalogSnapshotCache(new MemoryCatalog(items), time, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance, store, encoder ?? new WordEncoder(2)),
            new FixedPopularitySource(new PopularityTable(items.Select(i => KeyValuePair.Create(i.ItemId, 1.0)))),
            time,
            Options.Create(new RecommendationOptions()),
            NullLogger<RecommendationService>.Instance);
        var result = await service.RecommendAsync("u1", new RecommendationRequest(2, Explain: true, RecommendationId: "r1"));
        return result.Items.Single(i => i.ItemId == "casino").Reason;
    }

    [Fact]
    public async Task A_model_scored_known_item_names_the_liked_item_most_similar_in_meaning()
    {
        Assert.Equal("because you liked Heat", await ReasonForCasinoAsync(withEmbeddings: true));
        Assert.Equal("because you liked Toy Story", await ReasonForCasinoAsync(withEmbeddings: false));
    }

    [Fact]
    public async Task Serving_never_encodes_text_on_the_request_path()
    {
        var encoder = new WordEncoder(2);

        await ReasonForCasinoAsync(withEmbeddings: true, encoder);
        await ReasonForCasinoAsync(withEmbeddings: false, encoder);

        Assert.Empty(encoder.BatchSizes);
    }
}
