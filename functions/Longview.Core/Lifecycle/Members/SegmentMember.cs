using Longview.Core.Lifecycle.Scoring;

namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// One row of a segment's member list: who to call, how much is at stake and why. Lists are ranked by value at risk
/// (predicted value × churn risk), then churn risk, then user id, so the order is total and the same on every run.
/// </summary>
public sealed record SegmentMember(
    string UserId,
    string Segment,
    double ChurnRisk,
    double ValueAtRisk,
    double PredictedValue,
    double ProbabilityAlive,
    double Revenue,
    string RfmTier,
    int? Group,
    int DaysSinceLastActive,
    IReadOnlyList<string> Reasons)
{
    public static IComparer<SegmentMember> Ranking { get; } = Comparer<SegmentMember>.Create(Compare);

    public static SegmentMember Of(UserLifecycle user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.UserId, user.Segment, Round(user.ChurnRisk), Round(user.ValueAtRisk), Round(user.PredictedValue), Round(user.ProbabilityAlive),
            Round(user.Revenue), user.Rfm.Tier, user.Group?.Number, user.DaysSinceLastActive, user.Reasons);
    }

    private static int Compare(SegmentMember? a, SegmentMember? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        if (a is null || b is null)
        {
            return a is null ? 1 : -1;
        }
        var byValue = b.ValueAtRisk.CompareTo(a.ValueAtRisk);
        if (byValue != 0)
        {
            return byValue;
        }
        var byRisk = b.ChurnRisk.CompareTo(a.ChurnRisk);
        return byRisk != 0 ? byRisk : string.CompareOrdinal(a.UserId, b.UserId);
    }

    // Rounded before ranking, so the order read back from a list equals the order it was written in.
    private static double Round(double value) => Math.Round(value, 6);
}
