using System.Globalization;
using System.Text;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Api.Pages;

/// <summary>Monthly cohorts × months after: one cell per elapsed cell of the monthly report, coloured by its rate.</summary>
internal static class CohortHeatmap
{
    public static void Render(StringBuilder html, IReadOnlyList<MonthlyCohortRow> rows, PageLinks links)
    {
        html.Append("<h2>Monthly cohorts: share of the cohort active in month N</h2>");
        html.Append("<p class=\"download\">").Append(CsvLink.Html(ReportKind.Monthly, links)).Append("</p>");
        var cohorts = rows.Select(r => (r.CohortMonth, r.CohortSize)).Distinct().OrderBy(c => c.CohortMonth).ToList();
        if (cohorts.Count == 0)
        {
            html.Append("<p id=\"heatmap-empty\">No cohorts in this range.</p>");
            return;
        }

        var months = rows.Max(r => r.Month);
        const int left = 170, top = 40, cellW = 70, cellH = 26;
        var width = left + (months * cellW) + 20;
        var height = top + (cohorts.Count * cellH) + 60;
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"heatmap\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Monthly cohort retention heatmap\">");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (months * cellW / 2)}\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">Months after the cohort month (N)</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{top - 8}\" font-weight=\"bold\">Cohort (users)</text>");
        for (var n = 1; n <= months; n++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + ((n - 1) * cellW) + (cellW / 2)}\" y=\"{top - 8}\" text-anchor=\"middle\">{n}</text>");
        }

        var byCell = rows.ToDictionary(r => (r.CohortMonth, r.Month));
        for (var i = 0; i < cohorts.Count; i++)
        {
            var (month, size) = cohorts[i];
            var y = top + (i * cellH);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{y + 17}\">{month:yyyy-MM} ({size:N0})</text>");
            for (var n = 1; n <= months; n++)
            {
                var x = left + ((n - 1) * cellW);
                if (!byCell.TryGetValue((month, n), out var row) || row.RetentionRate is not { } rate)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"#f5f7fa\"/>");
                    continue;
                }

                var text = rate >= 0.5 ? "#ffffff" : "#1f2933";
                html.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"cell\" data-cohort=\"{month:yyyy-MM}\" data-month=\"{n}\" data-retained=\"{row.Retained}\" data-size=\"{size}\" data-rate=\"{ChartText.Data(rate)}\" x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"{Blue(rate)}\"><title>{month:yyyy-MM} month {n}: {row.Retained:N0} of {size:N0} ({rate * 100:F1}%)</title></rect>");
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cellW / 2) - 1}\" y=\"{y + 17}\" text-anchor=\"middle\" style=\"fill:{text}\">{rate * 100:F1}%</text>");
            }
        }

        // Legend: the colour scale from 0% to 100%.
        var ly = top + (cohorts.Count * cellH) + 20;
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{ly + 13}\">Legend</text>");
        for (var k = 0; k <= 10; k++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + (k * 40)}\" y=\"{ly}\" width=\"38\" height=\"18\" fill=\"{Blue(k / 10.0)}\"/><text x=\"{left + (k * 40) + 19}\" y=\"{ly + 32}\" text-anchor=\"middle\">{k * 10}%</text>");
        }

        html.Append("</svg>");
    }

    /// <summary>White (0%) to dark blue (100%).</summary>
    private static string Blue(double rate)
    {
        var t = Math.Clamp(rate, 0, 1);
        var r = (int)Math.Round(240 - (t * 232));
        var g = (int)Math.Round(244 - (t * 196));
        var b = (int)Math.Round(250 - (t * 143));
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }
}
