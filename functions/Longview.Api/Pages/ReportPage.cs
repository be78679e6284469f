using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Reports;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;

namespace Longview.Api.Pages;

/// <summary>
/// The report page as one self-contained HTML document: retention (monthly cohort heatmap, N-day retention curves,
/// DAU / MAU / stickiness) and lifecycle (survival, lifespans, value by cohort, value at risk by segment, segment sizes
/// over time, engagement) and the outcome of every list (CTR by position, variant and reason type; conversion and value
/// per list by serving day), drawn server-side as inline SVG from the same rows the API serves. No script and no external
/// request: every mark carries its values in data-* attributes and a title, and the only links are same-origin CSV
/// downloads of the retention rows. Each chart is its own class in this folder.
/// </summary>
public static class ReportPage
{
    /// <param name="lifecycle">The lifecycle job's report as of its day; null draws "no lifecycle report yet".</param>
    /// <param name="links">What the CSV links carry from the page's request (range, function key); null: nothing.</param>
    /// <param name="outcomes">The list outcome report of the recent serving days; null draws "no measured lists".</param>
    public static string Render(ReportAnswer daily, ReportAnswer monthly, ReportAnswer activity, LifecycleCharts? lifecycle, PageLinks? links = null, ListOutcomeAnswer? outcomes = null)
    {
        links ??= PageLinks.None;
        ArgumentNullException.ThrowIfNull(daily);
        ArgumentNullException.ThrowIfNull(monthly);
        ArgumentNullException.ThrowIfNull(activity);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Longview retention and lifecycle</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933;background:#fff}h1{margin:32px 0 4px}h2{margin:28px 0 6px}")
            .Append("p.meta{color:#52606d;margin:0 0 8px}p.download{margin:0 0 6px}svg text{font-family:system-ui,sans-serif;font-size:12px;fill:#1f2933}")
            .Append(".axis{stroke:#9aa5b1;stroke-width:1}.grid{stroke:#e4e7eb;stroke-width:1}")
            .Append("table{border-collapse:collapse}th,td{border:1px solid #e4e7eb;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("</style></head><body><h1>Retention</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Daily and monthly cohorts as of {ChartText.Day(daily.AsOf)} ({Source(daily)}); activity as of {ChartText.Day(activity.AsOf)} ({Source(activity)}). Definitions: cohort = users by first-seen UTC day or month; N-day = active on exactly day N; unbounded = active on day N or later; cells whose day or month has not fully elapsed are blank.</p>");
        html.Append("<p class=\"download\">").Append(CsvLink.Html(ReportKind.Segments, links, "Download the lifecycle segment counts (CSV)")).Append("</p>");
        CohortHeatmap.Render(html, ReportRows.Monthly(monthly.RowsJson), links);
        RetentionCurvesChart.Render(html, ReportRows.Daily(daily.RowsJson), links);
        ActivityCharts.Render(html, ReportRows.Activity(activity.RowsJson), links);
        Lifecycle(html, lifecycle);
        OutcomeCharts.Render(html, outcomes);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Lifecycle(StringBuilder html, LifecycleCharts? lifecycle)
    {
        html.Append("<section id=\"lifecycle\"><h1>Lifecycle</h1>");
        if (lifecycle is null)
        {
            html.Append("<p id=\"lifecycle-empty\">No lifecycle report yet: the daily lifecycle job has not stored one.</p></section>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Lifecycle report as of {ChartText.Day(lifecycle.AsOf)}. Cohort = users by first-seen month (\"all\": every user). A user not yet churned is censored (still alive when last looked at). Amounts are in the deployment's currency.</p>");
        SurvivalChart.Render(html, lifecycle.Survival);
        LifespanTable.Render(html, lifecycle.Lifespans);
        CohortValueChart.Render(html, lifecycle.CohortValue);
        SegmentValueChart.Render(html, lifecycle.SegmentValue);
        SegmentSizesChart.Render(html, lifecycle.SegmentSizes);
        EngagementDaysChart.Render(html, lifecycle.EngagementDays);
        EngagementCohortsChart.Render(html, lifecycle.EngagementCohorts);
        html.Append("</section>");
    }

    private static string Source(ReportAnswer answer) =>
        answer.Source == ReportSource.Stored ? "stored report" : "computed on demand, no stored report yet";
}
