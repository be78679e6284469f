using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Reports;

namespace Longview.Api.Pages;

/// <summary>
/// Lifetime value by first-seen cohort, per user so that cohorts of different sizes compare: revenue so far and value
/// predicted over the lifecycle horizon (amounts in the deployment's currency).
/// </summary>
internal static class CohortValueChart
{
    public static void Render(StringBuilder html, IReadOnlyList<CohortValueRow> rows)
    {
        html.Append("<h2>Lifetime value by cohort: revenue so far and predicted value over the horizon, per user</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"cohort-value-empty\">No cohort value rows in this report.</p>");
            return;
        }

        var chart = new BarChart("cohort-value", "Value per user by cohort", "per user, in the deployment's currency", ChartText.Amount);
        chart.Series("revenue", "revenue per user so far", "#2ca02c");
        chart.Series("predicted", "predicted value per user (horizon)", "#1f77b4");
        foreach (var r in rows)
        {
            var attributes = string.Create(CultureInfo.InvariantCulture,
                $"data-cohort=\"{ChartText.Encode(r.Cohort)}\" data-users=\"{r.Users}\" data-buyers=\"{r.Buyers}\" data-revenue=\"{ChartText.Data(r.Revenue)}\" data-expected-purchases=\"{ChartText.Data(r.ExpectedPurchases)}\" data-predicted-value=\"{ChartText.Data(r.PredictedValue)}\" data-mean-p-alive=\"{ChartText.Data(r.MeanProbabilityAlive)}\"");
            var revenue = PerUser(r.Revenue, r.Users);
            var predicted = PerUser(r.PredictedValue, r.Users);
            chart.Category(r.Cohort,
            [
                new ChartBar("revenue", revenue, attributes,
                    ChartText.Invariant($"{r.Cohort}: revenue {ChartText.Amount(r.Revenue)} so far from {r.Buyers:N0} buyers of {r.Users:N0} users ({ChartText.Amount(revenue)} per user)")),
                new ChartBar("predicted", predicted, attributes,
                    ChartText.Invariant($"{r.Cohort}: predicted value {ChartText.Amount(r.PredictedValue)} over the horizon ({ChartText.Amount(predicted)} per user), {ChartText.Amount(r.ExpectedPurchases)} expected purchases, mean P(alive) {ChartText.Percent(r.MeanProbabilityAlive)}")),
            ]);
        }

        chart.Render(html);
    }

    private static double PerUser(double total, long users) => users == 0 ? 0 : total / users;
}
