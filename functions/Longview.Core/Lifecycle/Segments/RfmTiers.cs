namespace Longview.Core.Lifecycle.Segments;

/// <summary>
/// RFM scoring: each of recency (days since last activity; fewer is better), frequency and monetary value becomes a
/// quintile score 1–5 over the population scored together, then a <see cref="RfmTier"/>. A score is
/// 1 + ⌊5 · (users strictly worse) / n⌋, so tied users share a score and the scores do not depend on input order.
/// </summary>
public static class RfmTiers
{
    /// <summary>One user's raw values: days since last activity, how often (active or purchase days), how much spent.</summary>
    public readonly record struct RfmValues(string UserId, int RecencyDays, double Frequency, double Monetary);

    public static IReadOnlyList<RfmScore> Score(IReadOnlyList<RfmValues> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0)
        {
            return [];
        }
        // Recency: fewer days is better, so rank on the negated value.
        var recency = Quintiles(users.Select(u => -(double)u.RecencyDays).ToArray());
        var frequency = Quintiles(users.Select(u => u.Frequency).ToArray());
        var monetary = Quintiles(users.Select(u => u.Monetary).ToArray());
        return [.. users.Select((u, i) => new RfmScore(u.UserId, recency[i], frequency[i], monetary[i], TierOf(recency[i], frequency[i])))];
    }

    public static RfmTier TierOf(int r, int f) => (r, f) switch
    {
        ( >= 4, >= 4) => RfmTier.Champions,
        (3, >= 4) or ( >= 4, 3) => RfmTier.Loyal,
        (5, 1) => RfmTier.New,
        ( >= 4, <= 2) => RfmTier.Promising,
        (3, _) => RfmTier.NeedsAttention,
        ( <= 2, 5) => RfmTier.CantLose,
        ( <= 2, >= 3) => RfmTier.AtRisk,
        _ => RfmTier.Hibernating,
    };

    /// <summary>1 + ⌊5 · (values strictly below) / n⌋ for each value (higher is better).</summary>
    private static int[] Quintiles(double[] values)
    {
        var sorted = values.Order().ToArray();
        var scores = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var below = LowerBound(sorted, values[i]);
            scores[i] = 1 + (int)(5L * below / values.Length);
        }
        return scores;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
