using System.Globalization;
using System.Text;
using Longview.Core.Outcomes;

namespace Longview.Api.Pages;

/// <summary>
/// The outcome of every list (the report of <c>GET /api/outcomes/lists</c> over the page's serving days): CTR by position,
/// by experiment variant and by reason type as bars, and conversion and value per list per serving day as lines. Every
/// mark carries its group's totals in data-* attributes.
/// </summary>
internal static class OutcomeCharts
{
    public static void Render(StringBuilder html, ListOutcomeAnswer? answer)
    {
        html.Append("<section id=\"outcomes\"><h1>Outcome of every list</h1>");
        if (answer is not { Report: var report } || report.Overall.Lists == 0)
        {
            html.Append("<p id=\"outcomes-empty\">No measured lists in these serving days yet (lists are measured once their attribution window has closed).</p></section>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">Lists served {ChartText.Day(report.From)} to {ChartText.Day(report.To)} ({answer.Source}: {answer.StoredDays} stored days, {answer.ComputedDays} computed now); attribution window {report.AttributionWindowHours:0.##} hours, last touch. {report.Overall.Lists:N0} measured lists, {report.OpenLists:N0} still open, {report.UnmeasuredLists:N0} unmeasured. CTR = clicks per impression.</p>");
        Bars(html, "outcome-ctr-position", "CTR by position (1 = top of the list)", report.ByPosition,
            key => (int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), "position");
        Bars(html, "outcome-ctr-variant", "CTR by experiment variant (experiment/variant)", report.ByVariant, key => key, "variant");
        Bars(html, "outcome-ctr-reason", "CTR by reason type (why the item was in the list)", report.ByReasonType, key => key, "reason");
        Days(html, report.ByDay);
        html.Append("</section>");
    }

    private static void Bars(StringBuilder html, string id, string title, IReadOnlyList<OutcomeGroup> rows, Func<string, string> label, string dimension)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{ChartText.Encode(title)}</h2>");
        if (rows.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"{id}-empty\">No rows.</p>");
            return;
        }

        var chart = new BarChart(id, title, "clicks per impression", ChartText.Percent);
        chart.Series("ctr", "CTR", "#1f77b4");
        foreach (var row in rows)
        {
            var t = row.Totals;
            var attributes = string.Create(CultureInfo.InvariantCulture,
                $"data-{dimension}=\"{ChartText.Encode(row.Key)}\" data-impressions=\"{t.Impressions}\" data-clicks=\"{t.Clicks}\" data-purchases=\"{t.Purchases}\" data-purchase-value=\"{ChartText.Data(t.Value)}\"");
            chart.Category(ChartText.Invariant($"{label(row.Key)} ({t.Impressions:N0})"),
                [new ChartBar("ctr", t.Ctr ?? 0, attributes,
                    ChartText.Invariant($"{label(row.Key)}: {t.Clicks:N0} clicks of {t.Impressions:N0} impressions, CTR {ChartText.Percent(t.Ctr ?? 0)}"))]);
        }

        chart.Render(html);
    }

    private static void Days(StringBuilder html, IReadOnlyList<OutcomeGroup> rows)
    {
        html.Append("<h2>Conversion and value per list by serving day</h2>");
        var days = rows.Select(r => (Day: DateOnly.ParseExact(r.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.Totals)).ToList();
        var first = days.Min(d => d.Day).DayNumber;
        var last = Math.Max(days.Max(d => d.Day).DayNumber, first + 1);
        var ticks = DayTicks.Of([.. days.Select(d => d.Day)]);

        var conversion = new LineChart("outcome-conversion", "Conversion (lists with a purchase per list) and list CTR", "UTC serving day", "share of lists", first, last, 0,
            ChartText.NiceCeiling(Math.Max(0.01, days.Max(d => Math.Max(d.Totals.Conversion ?? 0, d.Totals.ListCtr ?? 0)))), percent: true);
        conversion.Series("conversion", "conversion", "#2ca02c", days.Select(d => Point(d.Day, d.Totals, d.Totals.Conversion ?? 0, ChartText.Invariant($"conversion {ChartText.Percent(d.Totals.Conversion ?? 0)}"))));
        conversion.Series("list-ctr", "lists with a click", "#1f77b4", days.Select(d => Point(d.Day, d.Totals, d.Totals.ListCtr ?? 0, ChartText.Invariant($"lists with a click {ChartText.Percent(d.Totals.ListCtr ?? 0)}"))));
        conversion.XTicks(ticks, DayTicks.Label);
        conversion.Render(html);

        var value = new LineChart("outcome-value", "Value per list (purchase value attributed to the list)", "UTC serving day", "value per list", first, last, 0,
            ChartText.NiceCeiling(Math.Max(1, days.Max(d => d.Totals.ValuePerList ?? 0))), percent: false);
        value.Series("value-per-list", "value per list", "#d62728", days.Select(d => Point(d.Day, d.Totals, d.Totals.ValuePerList ?? 0, ChartText.Invariant($"value per list {ChartText.Amount(d.Totals.ValuePerList ?? 0)}"))));
        value.XTicks(ticks, DayTicks.Label);
        value.Render(html);
    }

    private static ChartPoint Point(DateOnly day, OutcomeTotals t, double y, string what) => new(
        day.DayNumber,
        y,
        string.Create(CultureInfo.InvariantCulture,
            $"data-day=\"{ChartText.Day(day)}\" data-lists=\"{t.Lists}\" data-converted-lists=\"{t.ConvertedLists}\" data-clicked-lists=\"{t.ClickedLists}\" data-purchase-value=\"{ChartText.Data(t.Value)}\""),
        string.Create(CultureInfo.InvariantCulture, $"{ChartText.Day(day)}: {what} ({t.Lists:N0} lists)"));
}
