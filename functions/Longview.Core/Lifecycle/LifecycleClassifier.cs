using Longview.Core.Retention;

namespace Longview.Core.Lifecycle;

/// <summary>
/// Assigns one lifecycle segment to a user on an as-of day; a pure function of (activity, asOf, churn risk).
/// Rules, first match wins (age = asOf - first seen, recency = asOf - last active day up to asOf):
/// 1. age &lt;= NewMaxAgeDays: New.
/// 2. recency &lt;= ActiveMaxRecencyDays: Reactivated when some active day q in that window follows the previous
///    active day p with q - p - 1 &gt;= ReactivationMinGapDays days without activity; else AtRisk when the churn
///    risk is given and strictly above ChurnRiskThreshold; else Active.
/// 3. recency &lt;= AtRiskMaxRecencyDays: AtRisk. 4. recency &lt;= DormantMaxRecencyDays: Dormant. 5. Churned.
/// </summary>
public sealed class LifecycleClassifier
{
    private readonly LifecycleOptions _options;

    public LifecycleClassifier(LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
    }

    /// <summary>The segment on <paramref name="asOf"/>, or null when the user was first seen after it (not a user yet).</summary>
    public LifecycleSegment? Classify(UserActivity activity, DateOnly asOf, double? churnRisk = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.EnsureValid();
        if (churnRisk is { } risk && !(risk >= 0 && risk <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(churnRisk), risk, "a user's churn risk must be within [0, 1]");
        }
        var asOfDay = asOf.DayNumber;
        var first = activity.FirstSeenDay.DayNumber;
        if (first > asOfDay)
        {
            return null;
        }
        if (asOfDay - first <= _options.NewMaxAgeDays)
        {
            return LifecycleSegment.New;
        }
        var recency = asOfDay - SortedDays.LastSeenAsOf(activity, asOfDay);
        if (recency <= _options.ActiveMaxRecencyDays)
        {
            if (ReturnedAfterGap(activity, asOfDay))
            {
                return LifecycleSegment.Reactivated;
            }
            return churnRisk > _options.ChurnRiskThreshold ? LifecycleSegment.AtRisk : LifecycleSegment.Active;
        }
        if (recency <= _options.AtRiskMaxRecencyDays)
        {
            return LifecycleSegment.AtRisk;
        }
        return recency <= _options.DormantMaxRecencyDays ? LifecycleSegment.Dormant : LifecycleSegment.Churned;
    }

    private bool ReturnedAfterGap(UserActivity activity, int asOfDay)
    {
        var days = activity.ActiveDays;
        var windowStart = asOfDay - _options.ActiveMaxRecencyDays;
        var i = SortedDays.LowerBound(days, windowStart);
        var end = SortedDays.LowerBound(days, asOfDay + 1);
        var previous = i > 0 ? days[i - 1].DayNumber : (int?)null;
        for (; i < end; i++)
        {
            var day = days[i].DayNumber;
            if (previous is { } p && day - p - 1 >= _options.ReactivationMinGapDays)
            {
                return true;
            }
            previous = day;
        }
        return false;
    }
}
