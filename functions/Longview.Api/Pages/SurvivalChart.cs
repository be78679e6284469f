using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Reports;

namespace Longview.Api.Pages;

/// <summary>
/// Kaplan–Meier survival per first-seen cohort: a step curve from S = 1 at day 0, one point per churn day, and its 95%
/// band shaded behind it (users not yet churned are censored, so a curve ends where its cohort's data ends).
/// </summary>
internal static class SurvivalChart
{
    public static void Render(StringBuilder html, IReadOnlyList<SurvivalRow> rows)
    {
        html.Append("<h2>Survival: share of each cohort not yet churned, by days since first seen (Kaplan–Meier, 95% band)</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"survival-empty\">No survival rows in this report.</p>");
            return;
        }

        var maxDay = Math.Max(1, rows.Max(r => r.Day));
        var chart = new LineChart("survival", "Survival by cohort", "days since first seen", "share not yet churned", 0, maxDay, 0, 1, percent: true);
        var cohorts = rows.GroupBy(r => r.Cohort, StringComparer.Ordinal).ToList();
        for (var i = 0; i < cohorts.Count; i++)
        {
            var cohort = cohorts[i].Key;
            var steps = cohorts[i].OrderBy(r => r.Day).ToList();
            var color = ChartText.Color(i);
            var name = ChartText.Encode(cohort);
            chart.StepBand($"band-{cohort}", color, [.. steps.Select(s => ((double)s.Day, s.Lower, s.Upper))], 1, 1,
                $"data-cohort=\"{name}\"", $"{cohort}: 95% band of survival");
            chart.Series($"survival-{cohort}", cohort, color, steps.Select(s => new ChartPoint(
                s.Day,
                s.Survival,
                string.Create(CultureInfo.InvariantCulture, $"data-cohort=\"{name}\" data-day=\"{s.Day}\" data-at-risk=\"{s.AtRisk}\" data-churned=\"{s.Churned}\" data-lower=\"{ChartText.Data(s.Lower)}\" data-upper=\"{ChartText.Data(s.Upper)}\""),
                string.Create(CultureInfo.InvariantCulture, $"{cohort} day {s.Day}: {ChartText.Percent(s.Survival)} not yet churned (95% band {ChartText.Percent(s.Lower)}–{ChartText.Percent(s.Upper)}); {s.AtRisk:N0} at risk, {s.Churned:N0} churned that day"))),
                stepFrom: 1);
        }

        var step = Math.Max(1, (int)Math.Ceiling(maxDay / 10.0));
        chart.XTicks(Enumerable.Range(0, (maxDay / step) + 1).Select(k => (double)(k * step)), v => v.ToString(CultureInfo.InvariantCulture));
        chart.Render(html);
    }
}
