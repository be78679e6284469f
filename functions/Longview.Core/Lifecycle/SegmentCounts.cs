namespace Longview.Core.Lifecycle;

/// <summary>
/// How many users are in each lifecycle segment on <see cref="AsOf"/>; the segments sum to <see cref="Total"/>.
/// <see cref="ChurnRiskSource"/> says where the at-risk split of recently active users came from: the churn model's
/// version, or "recency-frequency" (the default, also for reports stored before the field existed).
/// </summary>
public sealed record SegmentCounts(
    DateOnly AsOf,
    long New,
    long Active,
    long Reactivated,
    long AtRisk,
    long Dormant,
    long Churned,
    string ChurnRiskSource = RecencyFrequencyChurnRiskSource.SourceName)
{
    public long Total => New + Active + Reactivated + AtRisk + Dormant + Churned;
}
