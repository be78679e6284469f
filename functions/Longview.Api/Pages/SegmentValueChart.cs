using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Reports;

namespace Longview.Api.Pages;

/// <summary>Value at risk (Σ predicted value × churn risk) beside predicted value, per segment, largest value at risk first.</summary>
internal static class SegmentValueChart
{
    public static void Render(StringBuilder html, IReadOnlyList<SegmentValueRow> rows)
    {
        html.Append("<h2>Value at risk by segment: predicted value × churn risk, summed over the segment's users</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"segment-value-empty\">No segment value rows in this report.</p>");
            return;
        }

        var chart = new BarChart("segment-value", "Value at risk by segment", "in the deployment's currency, over the horizon", ChartText.Amount);
        chart.Series("at-risk", "value at risk", "#d62728");
        chart.Series("predicted", "predicted value", "#1f77b4");
        foreach (var r in rows.OrderByDescending(r => r.ValueAtRisk).ThenBy(r => r.Segment, StringComparer.Ordinal))
        {
            var attributes = string.Create(CultureInfo.InvariantCulture,
                $"data-segment=\"{ChartText.Encode(r.Segment)}\" data-users=\"{r.Users}\" data-predicted-value=\"{ChartText.Data(r.PredictedValue)}\" data-value-at-risk=\"{ChartText.Data(r.ValueAtRisk)}\" data-mean-churn-risk=\"{ChartText.Data(r.MeanChurnRisk)}\"");
            var summary = ChartText.Invariant($"{r.Segment}: {r.Users:N0} users, mean churn risk {ChartText.Percent(r.MeanChurnRisk)}");
            chart.Category(ChartText.Invariant($"{r.Segment} ({r.Users:N0})"),
            [
                new ChartBar("at-risk", r.ValueAtRisk, attributes, $"{summary}; value at risk {ChartText.Amount(r.ValueAtRisk)}"),
                new ChartBar("predicted", r.PredictedValue, attributes, $"{summary}; predicted value {ChartText.Amount(r.PredictedValue)}"),
            ]);
        }

        chart.Render(html);
    }
}
