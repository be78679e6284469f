using System.Text;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Api.Pages;

/// <summary>DAU, WAU and MAU per day, and stickiness (DAU/MAU), from the activity report.</summary>
internal static class ActivityCharts
{
    public static void Render(StringBuilder html, IReadOnlyList<ActivityRow> allRows, PageLinks links)
    {
        html.Append("<h2>Active users and stickiness per day</h2>");
        html.Append("<p class=\"download\">").Append(CsvLink.Html(ReportKind.Activity, links)).Append("</p>");
        // Days before anyone was active would only flatten the chart.
        var rows = allRows.SkipWhile(r => r.Mau == 0).ToList();
        if (rows.Count == 0)
        {
            html.Append("<p id=\"activity-empty\">No activity rows in this range.</p>");
            return;
        }

        var first = rows[0].Day.DayNumber;
        var last = Math.Max(rows[^1].Day.DayNumber, first + 1);
        var ticks = DayTicks.Of(rows.Select(r => r.Day).ToList());
        // A multiple of 5 keeps the five grid steps on whole numbers of users.
        var maxUsers = Math.Max(5, (long)Math.Ceiling(rows.Max(r => r.Mau) / 5.0) * 5);
        var users = new LineChart("users", "DAU, WAU and MAU (rolling 7 and 30 days)", "UTC day", "users", first, last, 0, maxUsers, percent: false);
        users.Series("dau", "DAU", "#1f77b4", rows.Select(r => new ChartPoint(r.Day.DayNumber, r.Dau, $"data-day=\"{ChartText.Day(r.Day)}\"")));
        users.Series("wau", "WAU", "#2ca02c", rows.Select(r => new ChartPoint(r.Day.DayNumber, r.Wau, $"data-day=\"{ChartText.Day(r.Day)}\"")));
        users.Series("mau", "MAU", "#d62728", rows.Select(r => new ChartPoint(r.Day.DayNumber, r.Mau, $"data-day=\"{ChartText.Day(r.Day)}\"")));
        users.XTicks(ticks, DayTicks.Label);
        users.Render(html);
        var stickiness = rows.Where(r => r.Stickiness is not null).ToList();
        var maxStick = stickiness.Count == 0 ? 1 : Math.Min(1, Math.Ceiling(stickiness.Max(r => r.Stickiness!.Value) * 10) / 10);
        var chart = new LineChart("stickiness", "Stickiness DAU/MAU", "UTC day", "DAU / MAU", first, last, 0, Math.Max(0.1, maxStick), percent: true);
        chart.Series("dau-mau", "DAU/MAU", "#9467bd", stickiness.Select(r => new ChartPoint(r.Day.DayNumber, r.Stickiness!.Value, $"data-day=\"{ChartText.Day(r.Day)}\" data-dau=\"{r.Dau}\" data-mau=\"{r.Mau}\"")));
        chart.XTicks(ticks, DayTicks.Label);
        chart.Render(html);
    }
}
