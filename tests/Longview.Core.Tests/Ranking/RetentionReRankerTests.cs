using FsCheck.Xunit;
using Longview.Core.Ranking;

namespace Longview.Core.Tests.Ranking;

public sealed class RetentionReRankerTests
{
    private static readonly string[] Categories = ["a", "b", "c", "d", "e"];

    private static List<Candidate> Pool(int seed, int size, bool singleCategory)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(i => new Candidate(
            $"x{random.Next(size * 2)}", // duplicates on purpose
            random.NextDouble() * 10,
            singleCategory ? [Categories[random.Next(Categories.Length)]] : Categories.Where(_ => random.Next(3) == 0).ToArray(),
            random.NextDouble(),
            (CandidateSource)random.Next(3),
            random.NextDouble() * 0.9,
            random.Next(2) == 0 ? "Anchor" : null)).ToList();
    }

    [Property(MaxTest = 200)]
    public bool No_duplicates_and_count_honoured_from_the_pool(int seed, byte size, byte count, double churn)
    {
        var pool = Pool(seed, size, singleCategory: false);
        var distinct = pool.Select(c => c.ItemId).Distinct().Count();
        var want = count % 40;

        var ranked = RetentionReRanker.Rerank(pool, want, new RankingWeights { ExplorationShare = 0.3 }, double.IsFinite(churn) ? churn : 0, seed);

        var ids = ranked.Select(r => r.Candidate.ItemId).ToList();
        return ids.Count == Math.Min(want, distinct)
            && ids.Distinct().Count() == ids.Count
            && ids.All(id => pool.Any(c => c.ItemId == id));
    }

    [Property(MaxTest = 200)]
    public bool Same_request_same_list(int seed, byte size)
    {
        var pool = Pool(seed, size, singleCategory: false);
        var weights = new RankingWeights { ExplorationShare = 0.3 };

        var first = RetentionReRanker.Rerank(pool, 10, weights, 0.5, seed);
        var second = RetentionReRanker.Rerank(pool.ToList(), 10, weights, 0.5, seed);

        return first.Select(r => (r.Candidate.ItemId, r.Score, r.Reason)).SequenceEqual(second.Select(r => (r.Candidate.ItemId, r.Score, r.Reason)));
    }

    [Property(MaxTest = 300)]
    public bool Diversity_weight_never_lowers_intra_list_diversity(int seed, byte size, byte count)
    {
        var pool = Pool(seed, 5 + size % 60, singleCategory: true);
        var want = 2 + count % 15;
        RankingWeights Weights(double diversity) => new() { Diversity = diversity, Novelty = 0, Fatigue = 0, ExplorationShare = 0, ChurnExplorationBoost = 0 };

        var plain = RetentionReRanker.Rerank(pool, want, Weights(0), 0, seed);
        var diverse = RetentionReRanker.Rerank(pool, want, Weights(100), 0, seed);

        return Diversity(diverse) >= Diversity(plain) - 1e-12;
    }

    [Fact]
    public void Diversity_weight_breaks_up_a_single_category_head()
    {
        var pool = new List<Candidate>
        {
            new("a1", 10, ["a"], 0.1, CandidateSource.Model),
            new("a2", 9.9, ["a"], 0.1, CandidateSource.Model),
            new("a3", 9.8, ["a"], 0.1, CandidateSource.Model),
            new("b1", 5, ["b"], 0.1, CandidateSource.Model),
            new("c1", 4, ["c"], 0.1, CandidateSource.Model),
        };
        var weights = new RankingWeights { Diversity = 2, Novelty = 0, ExplorationShare = 0, ChurnExplorationBoost = 0 };

        var ranked = RetentionReRanker.Rerank(pool, 3, weights, 0, 1).Select(r => r.Candidate.ItemId);

        Assert.Equal(["a1", "b1", "c1"], ranked);
    }

    [Fact]
    public void Exploration_grows_with_churn_risk_and_never_takes_the_first_slot()
    {
        var pool = Enumerable.Range(0, 40).Select(i => new Candidate($"x{i}", 40 - i, [$"c{i % 4}"], 0.01 + i / 100.0, CandidateSource.Model)).ToList();
        var weights = new RankingWeights { ExplorationShare = 0.1, ChurnExplorationBoost = 0.3 };

        var calm = RetentionReRanker.Rerank(pool, 10, weights, 0, 7);
        var atRisk = RetentionReRanker.Rerank(pool, 10, weights, 1, 7);

        Assert.Equal(1, calm.Count(r => r.Exploration));
        Assert.Equal(4, atRisk.Count(r => r.Exploration));
        Assert.False(calm[0].Exploration);
        Assert.False(atRisk[0].Exploration);
    }

    [Fact]
    public void Fatigue_pushes_an_item_down()
    {
        var pool = new List<Candidate>
        {
            new("tired", 10, ["a"], 0.1, CandidateSource.Model, Fatigue: 0.9),
            new("fresh", 9.8, ["b"], 0.1, CandidateSource.Model),
            new("weak", 0, ["c"], 0.1, CandidateSource.Model),
        };
        var weights = new RankingWeights { Fatigue = 0.5, ExplorationShare = 0, ChurnExplorationBoost = 0, Novelty = 0 };

        Assert.Equal(["fresh", "tired"], RetentionReRanker.Rerank(pool, 2, weights, 0, 1).Select(r => r.Candidate.ItemId));
    }

    [Fact]
    public void Every_item_is_explained()
    {
        var pool = new List<Candidate>
        {
            new("m", 10, ["drama"], 0.1, CandidateSource.Model, Anchor: "Heat"),
            new("p", 9, ["jazz"], 0.1, CandidateSource.Popular),
            new("n", 1, ["news"], 0.1, CandidateSource.NewItem),
        };
        var weights = new RankingWeights { ExplorationShare = 0.34, ChurnExplorationBoost = 0 };

        var reasons = RetentionReRanker.Rerank(pool, 3, weights, 0, 1).ToDictionary(r => r.Candidate.ItemId, r => r.Reason);

        Assert.Equal("because you liked Heat", reasons["m"]);
        Assert.Equal("popular in jazz", reasons["p"]);
        Assert.Equal("something new", reasons["n"]);
    }

    private static double Diversity(IReadOnlyList<RankedItem> items) =>
        CategorySimilarity.IntraListDiversity(items.Select(r => r.Candidate.Categories).ToList());
}
