using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Engagement;

namespace Longview.Api.Pages;

/// <summary>Engagement per first-seen cohort over the engagement window: sessions per user and events per session.</summary>
internal static class EngagementCohortsChart
{
    public static void Render(StringBuilder html, IReadOnlyList<EngagementCohortRow> rows)
    {
        html.Append("<h2>Engagement per cohort (first-seen month) over the engagement window</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"engagement-cohorts-empty\">No engagement cohort rows in this report.</p>");
            return;
        }

        var chart = new BarChart("engagement-cohorts", "Sessions per user and events per session by cohort", "count", v => v.ToString("0.##", CultureInfo.InvariantCulture));
        chart.Series("sessions-per-user", "sessions per user", "#2ca02c");
        chart.Series("events-per-session", "events per session", "#9467bd");
        foreach (var r in rows)
        {
            var attributes = string.Create(CultureInfo.InvariantCulture,
                $"data-cohort=\"{ChartText.Encode(r.Cohort)}\" data-users=\"{r.Users}\" data-sessions=\"{r.Sessions}\" data-sessions-per-user=\"{ChartText.Data(r.SessionsPerUser)}\" data-mean-minutes=\"{ChartText.Data(r.MeanSessionMinutes)}\" data-events-per-session=\"{ChartText.Data(r.EventsPerSession)}\"");
            var summary = string.Create(CultureInfo.InvariantCulture, $"{r.Cohort}: {r.Users:N0} users, {r.Sessions:N0} sessions, mean session {r.MeanSessionMinutes:F1} minutes");
            chart.Category(ChartText.Invariant($"{r.Cohort} ({r.Users:N0})"),
            [
                new ChartBar("sessions-per-user", r.SessionsPerUser, attributes, string.Create(CultureInfo.InvariantCulture, $"{summary}; {r.SessionsPerUser:F2} sessions per user")),
                new ChartBar("events-per-session", r.EventsPerSession, attributes, string.Create(CultureInfo.InvariantCulture, $"{summary}; {r.EventsPerSession:F2} events per session")),
            ]);
        }

        chart.Render(html);
    }
}
