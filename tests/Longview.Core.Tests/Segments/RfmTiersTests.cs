using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Lifecycle.Segments;

namespace Longview.Core.Tests.Segments;

public sealed class RfmTiersTests
{
    private static Arbitrary<RfmTiers.RfmValues[]> Populations() =>
        (from recency in Gen.Choose(0, 30)
         from frequency in Gen.Choose(1, 12)
         from monetary in Gen.Choose(0, 50)
         select (recency, frequency, monetary))
        .NonEmptyListOf()
        .Select(list => list.Select((v, i) => new RfmTiers.RfmValues($"u{i}", v.recency, v.frequency, v.monetary * 2.5)).ToArray())
        .ToArbitrary();

    [Property]
    public Property Scores_are_1_to_5_monotone_shared_by_ties_and_independent_of_order() =>
        Prop.ForAll(Populations(), users =>
        {
            var scores = RfmTiers.Score(users).ToDictionary(s => s.UserId);
            var reversed = RfmTiers.Score(users.Reverse().ToArray()).ToDictionary(s => s.UserId);
            return users.All(a => scores[a.UserId] is { Recency: >= 1 and <= 5, Frequency: >= 1 and <= 5, Monetary: >= 1 and <= 5 }
                    && scores[a.UserId] == reversed[a.UserId]
                    && users.All(b => Ranked(-a.RecencyDays, -b.RecencyDays, scores[a.UserId].Recency, scores[b.UserId].Recency)
                        && Ranked(a.Frequency, b.Frequency, scores[a.UserId].Frequency, scores[b.UserId].Frequency)
                        && Ranked(a.Monetary, b.Monetary, scores[a.UserId].Monetary, scores[b.UserId].Monetary)));
        });

    /// <summary>A better value never scores lower, and equal values share a score (for each of R, F and M).</summary>
    private static bool Ranked(double a, double b, int scoreA, int scoreB) =>
        a > b ? scoreA >= scoreB : a < b ? scoreA <= scoreB : scoreA == scoreB;

    [Fact]
    public void Distinct_values_fill_the_quintiles_evenly_and_the_grid_names_the_tiers()
    {
        var users = Enumerable.Range(0, 100).Select(i => new RfmTiers.RfmValues($"u{i}", RecencyDays: i, Frequency: 100 - i, Monetary: i)).ToList();

        var scores = RfmTiers.Score(users);

        Assert.All(Enumerable.Range(1, 5), q => Assert.Equal(20, scores.Count(s => s.Recency == q)));
        Assert.Equal(RfmTier.Champions, scores[0].Tier);    // most recent, most frequent
        Assert.Equal(RfmTier.Hibernating, scores[99].Tier); // least recent, least frequent
        Assert.Equal(RfmTier.CantLose, RfmTiers.TierOf(1, 5));
        Assert.Equal(RfmTier.AtRisk, RfmTiers.TierOf(2, 3));
        Assert.Equal(RfmTier.New, RfmTiers.TierOf(5, 1));
        Assert.Equal(RfmTier.Promising, RfmTiers.TierOf(4, 2));
        Assert.Equal(RfmTier.NeedsAttention, RfmTiers.TierOf(3, 2));
        Assert.Equal(RfmTier.Loyal, RfmTiers.TierOf(3, 5));
    }
}
