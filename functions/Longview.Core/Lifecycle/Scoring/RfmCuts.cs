using Longview.Core.Lifecycle.Segments;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// The quintile cuts of a fitted population, so that one user is scored alone exactly as <see cref="RfmTiers.Score"/>
/// scores the population: with b_k = sorted[⌈k·n/5⌉ − 1], the score 1 + ⌊5 · (values strictly below v) / n⌋ equals
/// 1 + #{k ∈ 1..4 : v &gt; b_k}. Recency is stored negated (fewer days is better, higher scores better).
/// </summary>
public sealed record RfmCuts(double[] Recency, double[] Frequency, double[] Monetary)
{
    public static RfmCuts Fit(IReadOnlyList<RfmTiers.RfmValues> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return users.Count == 0
            ? new RfmCuts([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
            : new RfmCuts(
                Cuts(users.Select(u => -(double)u.RecencyDays)),
                Cuts(users.Select(u => u.Frequency)),
                Cuts(users.Select(u => u.Monetary)));
    }

    public RfmScore Score(RfmTiers.RfmValues user)
    {
        var r = ScoreOf(Recency, -(double)user.RecencyDays);
        var f = ScoreOf(Frequency, user.Frequency);
        var m = ScoreOf(Monetary, user.Monetary);
        return new RfmScore(user.UserId, r, f, m, RfmTiers.TierOf(r, f));
    }

    private static int ScoreOf(double[] cuts, double value)
    {
        var score = 1;
        foreach (var cut in cuts)
        {
            if (value > cut)
            {
                score++;
            }
        }
        return score;
    }

    private static double[] Cuts(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return [.. Enumerable.Range(1, 4).Select(k => sorted[(int)Math.Ceiling(k * (double)n / 5) - 1])];
    }
}
