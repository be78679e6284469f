namespace Longview.Core.Retention;

/// <summary>Membership questions over a sorted, distinct list of days, answered by binary search.</summary>
internal static class SortedDays
{
    /// <summary>Index of the first day whose day number is >= <paramref name="dayNumber"/> (Count when none).</summary>
    public static int LowerBound(IReadOnlyList<DateOnly> days, int dayNumber)
    {
        int lo = 0, hi = days.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (days[mid].DayNumber < dayNumber)
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

    public static bool Contains(IReadOnlyList<DateOnly> days, int dayNumber)
    {
        var i = LowerBound(days, dayNumber);
        return i < days.Count && days[i].DayNumber == dayNumber;
    }

    /// <summary>Whether any day lies in [firstDayNumber, lastDayNumber].</summary>
    public static bool AnyIn(IReadOnlyList<DateOnly> days, int firstDayNumber, int lastDayNumber)
    {
        var i = LowerBound(days, firstDayNumber);
        return i < days.Count && days[i].DayNumber <= lastDayNumber;
    }

    /// <summary>Number of days in [firstDayNumber, lastDayNumber].</summary>
    public static int CountIn(IReadOnlyList<DateOnly> days, int firstDayNumber, int lastDayNumber) =>
        lastDayNumber < firstDayNumber ? 0 : LowerBound(days, lastDayNumber + 1) - LowerBound(days, firstDayNumber);

    /// <summary>
    /// The user's last active day as known on <paramref name="asOfDayNumber"/>: LastSeenDay when it is not later,
    /// otherwise the latest recorded active day up to the as-of day (FirstSeenDay when none is recorded).
    /// </summary>
    public static int LastSeenAsOf(UserActivity activity, int asOfDayNumber)
    {
        var last = activity.LastSeenDay.DayNumber;
        if (last <= asOfDayNumber)
        {
            return last;
        }
        var i = LowerBound(activity.ActiveDays, asOfDayNumber + 1) - 1;
        return i >= 0 ? Math.Max(activity.ActiveDays[i].DayNumber, activity.FirstSeenDay.DayNumber) : activity.FirstSeenDay.DayNumber;
    }
}
