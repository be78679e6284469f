namespace Longview.Core.Profiles;

/// <summary>
/// Time-decayed affinity for one category, kept order-independent: each event adds w·2^((t − t0)/halfLife) for the
/// fixed anchor <see cref="Anchor"/>, and the value at time <c>now</c> is that sum times 2^(−(now − t0)/halfLife).
/// Sums are kept as base-2 logarithms (positive and negative contributions apart) so they never overflow however far
/// the timestamps are from the anchor. Null means no contribution of that sign.
/// </summary>
public sealed class CategoryAffinity
{
    /// <summary>The decay anchor t0 (fixed forever: stored sums are relative to it).</summary>
    public static readonly DateTimeOffset Anchor = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>log2 of the sum of positive weighted contributions.</summary>
    public double? Log2Positive { get; set; }

    /// <summary>log2 of the sum of the magnitudes of negative weighted contributions.</summary>
    public double? Log2Negative { get; set; }

    /// <summary>The decayed affinity at <paramref name="now"/> (positive: liked, negative: disliked).</summary>
    public double ValueAt(DateTimeOffset now, TimeSpan halfLife)
    {
        var shift = HalfLives(now, halfLife);
        return Decayed(Log2Positive, shift) - Decayed(Log2Negative, shift);
    }

    /// <summary>log2 of one event's contribution |w|·2^((t − t0)/halfLife); computed once per event, added per category.</summary>
    internal static double Log2Term(double weight, DateTimeOffset timestamp, TimeSpan halfLife) =>
        Math.Log2(Math.Abs(weight)) + HalfLives(timestamp, halfLife);

    internal void Add(double weight, double term)
    {
        if (weight > 0)
        {
            Log2Positive = LogAdd(Log2Positive, term);
        }
        else
        {
            Log2Negative = LogAdd(Log2Negative, term);
        }
    }

    internal static double HalfLives(DateTimeOffset time, TimeSpan halfLife) => (time - Anchor).Ticks / (double)halfLife.Ticks;

    private static double Decayed(double? log2Sum, double shift) => log2Sum is { } l ? Math.Pow(2, l - shift) : 0;

    private static double LogAdd(double? current, double term)
    {
        if (current is not { } c)
        {
            return term;
        }

        var max = Math.Max(c, term);
        return max + Math.Log2(Math.Pow(2, c - max) + Math.Pow(2, term - max));
    }
}
