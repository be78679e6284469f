using Longview.Core.Lifecycle.Value;
using Longview.Core.Retention;

namespace Longview.Core.Lifecycle.Churn;

/// <summary>
/// What a churn model may know about a user as of a cut-off day, from activity up to that day only: recency, tenure,
/// active days in the last 7/30/90 days and in all, and the user's BTYD summary (activity days as occasions, weeks).
/// </summary>
public sealed record ChurnFeatures(int RecencyDays, int TenureDays, int ActiveDays7, int ActiveDays30, int ActiveDays90, int ActiveDaysTotal, PurchaseHistory History)
{
    /// <summary>The features of <paramref name="activity"/> as of <paramref name="asOf"/>; null when it had no activity by then.</summary>
    public static ChurnFeatures? AsOf(UserActivity activity, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var end = asOf.DayNumber;
        var days = activity.ActiveDays;
        var upTo = SortedDays.LowerBound(days, end + 1);
        if (upTo == 0)
        {
            return null;
        }
        var first = days[0].DayNumber;
        var last = days[upTo - 1].DayNumber;
        var history = new PurchaseHistory(upTo - 1, (last - first) / 7.0, (end - first) / 7.0, 0);
        return new ChurnFeatures(
            end - last,
            end - first,
            SortedDays.CountIn(days, end - 6, end),
            SortedDays.CountIn(days, end - 29, end),
            SortedDays.CountIn(days, end - 89, end),
            upTo,
            history);
    }

    /// <summary>Whether the user had no activity in the <paramref name="horizonDays"/> days after <paramref name="asOf"/>: the label.</summary>
    public static bool ChurnedAfter(UserActivity activity, DateOnly asOf, int horizonDays) =>
        !SortedDays.AnyIn(activity.ActiveDays, asOf.DayNumber + 1, asOf.DayNumber + horizonDays);

    /// <summary>The inputs of the logistic model: log-scaled counts, so heavy users do not dominate.</summary>
    public double[] Vector(double probabilityAlive) =>
    [
        double.LogP1(RecencyDays),
        double.LogP1(TenureDays),
        double.LogP1(ActiveDays7),
        double.LogP1(ActiveDays30),
        double.LogP1(ActiveDays90),
        double.LogP1(ActiveDaysTotal),
        probabilityAlive,
    ];
}
