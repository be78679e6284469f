namespace Longview.Api.Pages;

/// <summary>The x ticks of a chart over UTC days: about eight, evenly spaced, as day numbers labelled yyyy-MM-dd.</summary>
internal static class DayTicks
{
    public static List<double> Of(IReadOnlyList<DateOnly> days)
    {
        var step = Math.Max(1, days.Count / 8);
        return [.. days.Where((_, i) => i % step == 0).Select(d => (double)d.DayNumber)];
    }

    public static string Label(double dayNumber) => ChartText.Day(DateOnly.FromDayNumber((int)dayNumber));
}
