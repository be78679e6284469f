using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Reports;

namespace Longview.Api.Pages;

/// <summary>Median lifespan with its 95% interval and restricted mean lifespan per cohort, as a table whose rows carry data-*.</summary>
internal static class LifespanTable
{
    public static void Render(StringBuilder html, IReadOnlyList<CohortLifespanRow> rows)
    {
        html.Append("<h2>Lifespan per cohort: median and restricted mean (days)</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"lifespans-empty\">No lifespan rows in this report.</p>");
            return;
        }

        html.Append("<table id=\"lifespans\"><thead><tr><th>cohort</th><th>users</th><th>churned</th><th>median lifespan (95% interval)</th><th>restricted mean</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            var median = r.MedianDays is { } m && double.IsFinite(m)
                ? $"{Days(m)} ({Bound(r.MedianLower)}–{Bound(r.MedianUpper)})"
                : "not reached (more than half not yet churned)";
            var mean = $"{Days(r.RestrictedMeanDays)} (up to day {r.RestrictedHorizonDays.ToString(CultureInfo.InvariantCulture)})";
            var attributes = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"data-cohort=\"{ChartText.Encode(r.Cohort)}\" data-users=\"{r.Users}\" data-churned=\"{r.Churned}\"")
                .Append(Optional("data-median", r.MedianDays)).Append(Optional("data-median-lower", r.MedianLower)).Append(Optional("data-median-upper", r.MedianUpper))
                .Append(CultureInfo.InvariantCulture, $" data-restricted-mean=\"{ChartText.Data(r.RestrictedMeanDays)}\" data-horizon=\"{r.RestrictedHorizonDays}\"");
            var title = ChartText.Invariant($"{r.Cohort}: {r.Users:N0} users, {r.Churned:N0} churned; median lifespan {median}; restricted mean {mean}");
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"lifespan\" {attributes} title=\"{ChartText.Encode(title)}\"><td>{ChartText.Encode(r.Cohort)}</td><td>{r.Users:N0}</td><td>{r.Churned:N0}</td><td>{ChartText.Encode(median)}</td><td>{ChartText.Encode(mean)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Days(double days) => days.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>An interval end: missing or infinite when the data do not bound it.</summary>
    private static string Bound(double? value) => value is { } v && double.IsFinite(v) ? Days(v) : "unbounded";

    private static string Optional(string name, double? value) =>
        value is { } v && double.IsFinite(v) ? $" {name}=\"{ChartText.Data(v)}\"" : "";
}
