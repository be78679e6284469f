namespace Longview.Core.Retention;

/// <summary>Calendar months as a running index (year * 12 + month - 1) so that "month + N" is plain addition.</summary>
internal static class CalendarMonth
{
    public static int IndexOf(DateOnly day) => (day.Year * 12) + day.Month - 1;

    public static DateOnly FirstDay(int index) => new(index / 12, (index % 12) + 1, 1);

    /// <summary>The last month that has fully elapsed on <paramref name="asOf"/> (as-of day inclusive).</summary>
    public static int LastCompleteIndex(DateOnly asOf) => IndexOf(asOf.AddDays(1)) - 1;
}
