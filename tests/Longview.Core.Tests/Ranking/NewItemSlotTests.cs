using FsCheck.Xunit;
using Longview.Core.Ranking;

namespace Longview.Core.Tests.Ranking;

/// <summary>
/// Issue 16: the new-item exploration slots take the new items the model scored from their text best-first (explained by
/// the liked item they resemble); only ties and items without a text score are left to the seeded random order.
/// </summary>
public sealed class NewItemSlotTests
{
    private static readonly RankingWeights ThreeSlotsInTen = new() { ExplorationShare = 0.3, ChurnExplorationBoost = 0 };

    private static List<Candidate> Pool(Random random, int scored, int unscored)
    {
        var pool = Enumerable.Range(0, 10).Select(i => new Candidate($"m{i}", 5 + random.NextDouble() * 10, [$"c{i % 3}"], random.NextDouble(), CandidateSource.Model)).ToList();
        pool.AddRange(Enumerable.Range(0, scored).Select(i => new Candidate($"s{i}", 1, ["new"], 0.01, CandidateSource.NewItem, NewItemScore: random.NextDouble() * 8 - 4)));
        pool.AddRange(Enumerable.Range(0, unscored).Select(i => new Candidate($"u{i}", 1, ["new"], 0.01, CandidateSource.NewItem)));
        return [.. pool.OrderBy(_ => random.Next())];
    }

    [Property(MaxTest = 300)]
    public bool The_best_scored_new_items_take_the_slots_before_unscored_ones(int seed, byte scoredCount, byte unscoredCount)
    {
        var random = new Random(seed);
        var pool = Pool(random, scoredCount % 8, unscoredCount % 5);

        var explored = RetentionReRanker.Rerank(pool, 10, ThreeSlotsInTen, 0, seed).Where(r => r.Exploration).Select(r => r.Candidate).ToList();

        var best = pool.Where(c => c.NewItemScore is not null).OrderByDescending(c => c.NewItemScore).Take(3).Select(c => c.ItemId).ToList();
        var unscoredSlots = explored.Count(c => c.Source == CandidateSource.NewItem && c.NewItemScore is null);
        return explored.Count == 3
            && best.All(id => explored.Any(c => c.ItemId == id))
            && unscoredSlots == Math.Min(3 - best.Count, pool.Count(c => c.ItemId.StartsWith('u')));
    }

    [Fact]
    public void A_scored_new_item_names_the_liked_item_it_resembles_and_an_unscored_one_stays_something_new()
    {
        var pool = new List<Candidate>
        {
            new("m", 10, ["drama"], 0.1, CandidateSource.Model, Anchor: "Heat"),
            new("p", 9, ["jazz"], 0.1, CandidateSource.Popular),
            new("scored", 1, [], 0.1, CandidateSource.NewItem, Anchor: "Ronin", NewItemScore: -2),
            new("unscored", 1, ["news"], 0.1, CandidateSource.NewItem),
        };
        var weights = new RankingWeights { ExplorationShare = 0.5, ChurnExplorationBoost = 0 };

        var reasons = RetentionReRanker.Rerank(pool, 4, weights, 0, 1).ToDictionary(r => r.Candidate.ItemId, r => r.Reason);

        Assert.Equal("because you liked Ronin", reasons["scored"]);
        Assert.Equal("something new", reasons["unscored"]);
    }
}
