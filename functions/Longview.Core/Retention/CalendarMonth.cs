namespace Longview.Core.Retention;

/// <summary>Calendar months as a running index (year * 12 + month - 1) so that "month + N" is plain addition.</summary>
internal static class CalendarMonth
{
    public static int IndexOf(DateOnly day) => (day.Year * 12) + day.Month - 1;

    public static DateOnly FirstDay(int index) => new(index / 12, (index % 12) + 1, 1);

    /// <summary>Day number of the month's last day (safe for December 9999, unlike "first day of next month - 1").</summary>
    public static int LastDayNumber(int index) =>
        FirstDay(index).DayNumber + DateTime.DaysInMonth(index / 12, (index % 12) + 1) - 1;

    /// <summary>The last month that has fully elapsed on <paramref name="asOf"/> (as-of day inclusive).</summary>
    public static int LastCompleteIndex(DateOnly asOf) =>
        LastDayNumber(IndexOf(asOf)) == asOf.DayNumber ? IndexOf(asOf) : IndexOf(asOf) - 1;
}
