namespace Longview.Core.Profiles;

/// <summary>Moments of the user's ratings. Sums are floating point: see <see cref="ProfileEquivalence"/> for how they compare.</summary>
public sealed class RatingStats
{
    public long Count { get; set; }

    public double Sum { get; set; }

    public double SumOfSquares { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? Mean => Count == 0 ? null : Sum / Count;

    /// <summary>Population variance; null with no ratings.</summary>
    public double? Variance => Count == 0 ? null : Math.Max(0, (SumOfSquares / Count) - (Sum / Count * (Sum / Count)));

    internal void Add(double value)
    {
        Count++;
        Sum += value;
        SumOfSquares += value * value;
        Min = Min is { } min ? Math.Min(min, value) : value;
        Max = Max is { } max ? Math.Max(max, value) : value;
    }
}
