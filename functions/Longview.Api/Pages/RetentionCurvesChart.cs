using System.Globalization;
using System.Text;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Api.Pages;

/// <summary>N-day and unbounded retention of the daily cohorts pooled (<see cref="PooledRetention"/>), by day N.</summary>
internal static class RetentionCurvesChart
{
    public static void Render(StringBuilder html, IReadOnlyList<DailyCohortRow> rows, PageLinks links)
    {
        html.Append("<h2>Retention curves: daily cohorts pooled (users retained / users of the cohorts whose day N has elapsed)</h2>");
        html.Append("<p class=\"download\">").Append(CsvLink.Html(ReportKind.Daily, links)).Append("</p>");
        var points = PooledRetention.Curve(rows);
        if (points.Count == 0)
        {
            html.Append("<p id=\"curves-empty\">No elapsed daily cohort cells in this range.</p>");
            return;
        }

        var maxN = points[^1].Day;
        var chart = new LineChart("curves", "Retention by day N", "day N after first seen", "share of cohort", 0, maxN, 0, 1, percent: true);
        chart.Series("nday", "N-day (active on exactly day N)", "#1f77b4", points.Select(p => new ChartPoint(p.Day, (double)p.Retained / p.Users, $"data-n=\"{p.Day}\" data-retained=\"{p.Retained}\" data-size=\"{p.Users}\"")));
        chart.Series("unbounded", "Unbounded (day N or later)", "#ff7f0e", points.Select(p => new ChartPoint(p.Day, (double)p.RetainedOrLater / p.Users, $"data-n=\"{p.Day}\" data-retained=\"{p.RetainedOrLater}\" data-size=\"{p.Users}\"")));
        chart.XTicks(points.Select(p => (double)p.Day), v => v.ToString(CultureInfo.InvariantCulture));
        chart.Render(html);
    }
}
