using Longview.Core.Profiles;

namespace Longview.Core.Serving.Segments;

/// <summary>The lifecycle segments of DESIGN.md, as serving uses them to pick ranking weights.</summary>
public enum ServingSegment
{
    New,
    Active,
    AtRisk,
    Dormant,
    Churned,
    Reactivated,
}

public sealed class SegmentThresholds
{
    /// <summary>A user first seen within this many days is new.</summary>
    public int NewForDays { get; set; } = 7;

    /// <summary>Days since the last active day from which a user is at risk, dormant and churned.</summary>
    public int AtRiskAfterDays { get; set; } = 7;

    public int DormantAfterDays { get; set; } = 30;

    public int ChurnedAfterDays { get; set; } = 90;

    /// <summary>A gap of at least this many days before the latest active day makes a returning user reactivated.</summary>
    public int ReactivationGapDays { get; set; } = 30;

    /// <summary>An otherwise active user whose predicted churn risk reaches this is at risk.</summary>
    public double AtRiskChurnProbability { get; set; } = 0.6;
}

/// <summary>
/// Read-side lifecycle classification from the profile's activity days (and the churn model when there is one).
/// Kept here until the profile carries its own lifecycle stage; then this should defer to it.
/// </summary>
public static class ServingSegments
{
    public static string ToWireName(this ServingSegment segment) => segment switch
    {
        ServingSegment.New => "new",
        ServingSegment.Active => "active",
        ServingSegment.AtRisk => "at-risk",
        ServingSegment.Dormant => "dormant",
        ServingSegment.Churned => "churned",
        ServingSegment.Reactivated => "reactivated",
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "unknown segment"),
    };

    public static ServingSegment Classify(UserProfile? profile, DateOnly today, double? churnRisk, SegmentThresholds thresholds)
    {
        if (profile?.FirstSeen is not { } firstSeen)
        {
            return ServingSegment.New;
        }
        var days = profile.ActiveDays.Days;
        var last = days.Count > 0 ? days.Max() : DateOnly.FromDateTime(firstSeen.UtcDateTime);
        var idle = today.DayNumber - last.DayNumber;
        if (idle >= thresholds.ChurnedAfterDays)
        {
            return ServingSegment.Churned;
        }
        if (idle >= thresholds.DormantAfterDays)
        {
            return ServingSegment.Dormant;
        }
        if (today.DayNumber - DateOnly.FromDateTime(firstSeen.UtcDateTime).DayNumber < thresholds.NewForDays)
        {
            return ServingSegment.New;
        }
        if (idle >= thresholds.AtRiskAfterDays || churnRisk >= thresholds.AtRiskChurnProbability)
        {
            return ServingSegment.AtRisk;
        }
        if (days.Count >= 2 && idle < thresholds.AtRiskAfterDays)
        {
            var ordered = days.OrderByDescending(d => d).Take(2).ToArray();
            if (ordered[0].DayNumber - ordered[1].DayNumber >= thresholds.ReactivationGapDays)
            {
                return ServingSegment.Reactivated;
            }
        }
        return ServingSegment.Active;
    }
}
