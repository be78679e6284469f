namespace Longview.Core.Lifecycle;

/// <summary>How many users are in each lifecycle segment on <see cref="AsOf"/>; the segments sum to <see cref="Total"/>.</summary>
public sealed record SegmentCounts(
    DateOnly AsOf,
    long New,
    long Active,
    long Reactivated,
    long AtRisk,
    long Dormant,
    long Churned)
{
    public long Total => New + Active + Reactivated + AtRisk + Dormant + Churned;
}
