using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Engagement;

namespace Longview.Api.Pages;

/// <summary>
/// Engagement per UTC day: active users and sessions; sessions per active user and events per session; mean and median
/// session minutes. Every point carries the whole day's row.
/// </summary>
internal static class EngagementDaysChart
{
    public static void Render(StringBuilder html, IReadOnlyList<EngagementDayRow> rows)
    {
        html.Append("<h2>Engagement per day (sessions inferred from inactivity gaps; a session counts on the day it starts)</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"engagement-days-empty\">No engagement rows in this report.</p>");
            return;
        }

        var days = rows.Select(r => r.Day).ToList();
        var first = days.Min().DayNumber;
        var last = Math.Max(days.Max().DayNumber, first + 1);
        var ticks = DayTicks.Of(days);

        var counts = new LineChart("engagement-users", "Active users and sessions", "UTC day", "count", first, last, 0, ChartText.NiceCeiling(Math.Max(5, rows.Max(r => Math.Max(r.ActiveUsers, r.Sessions)))), percent: false);
        counts.Series("active-users", "active users", "#1f77b4", rows.Select(r => Point(r, r.ActiveUsers, ChartText.Invariant($"{r.ActiveUsers:N0} active users"))));
        counts.Series("sessions", "sessions", "#ff7f0e", rows.Select(r => Point(r, r.Sessions, ChartText.Invariant($"{r.Sessions:N0} sessions"))));
        counts.XTicks(ticks, DayTicks.Label);
        counts.Render(html);

        var ratios = new LineChart("engagement-ratios", "Sessions per active user and events per session", "UTC day", "ratio", first, last, 0, ChartText.NiceCeiling(rows.Max(r => Math.Max(r.SessionsPerActiveUser, r.EventsPerSession))), percent: false);
        ratios.Series("sessions-per-user", "sessions per active user", "#2ca02c", rows.Select(r => Point(r, r.SessionsPerActiveUser, ChartText.Invariant($"{r.SessionsPerActiveUser:F2} sessions per active user"))));
        ratios.Series("events-per-session", "events per session", "#9467bd", rows.Select(r => Point(r, r.EventsPerSession, ChartText.Invariant($"{r.EventsPerSession:F2} events per session"))));
        ratios.XTicks(ticks, DayTicks.Label);
        ratios.Render(html);

        var minutes = new LineChart("engagement-minutes", "Session length (minutes, first to last event)", "UTC day", "minutes", first, last, 0, ChartText.NiceCeiling(rows.Max(r => Math.Max(r.MeanSessionMinutes, r.MedianSessionMinutes))), percent: false);
        minutes.Series("mean-minutes", "mean", "#d62728", rows.Select(r => Point(r, r.MeanSessionMinutes, ChartText.Invariant($"mean session {r.MeanSessionMinutes:F1} minutes"))));
        minutes.Series("median-minutes", "median (whole minutes)", "#8c564b", rows.Select(r => Point(r, r.MedianSessionMinutes, ChartText.Invariant($"median session {r.MedianSessionMinutes:F1} minutes"))));
        minutes.XTicks(ticks, DayTicks.Label);
        minutes.Render(html);
    }

    private static ChartPoint Point(EngagementDayRow r, double value, string what) => new(
        r.Day.DayNumber,
        value,
        string.Create(CultureInfo.InvariantCulture,
            $"data-day=\"{ChartText.Day(r.Day)}\" data-active-users=\"{r.ActiveUsers}\" data-sessions=\"{r.Sessions}\" data-sessions-per-active-user=\"{ChartText.Data(r.SessionsPerActiveUser)}\" data-mean-minutes=\"{ChartText.Data(r.MeanSessionMinutes)}\" data-median-minutes=\"{ChartText.Data(r.MedianSessionMinutes)}\" data-events-per-session=\"{ChartText.Data(r.EventsPerSession)}\""),
        string.Create(CultureInfo.InvariantCulture, $"{ChartText.Day(r.Day)}: {what}"));
}
