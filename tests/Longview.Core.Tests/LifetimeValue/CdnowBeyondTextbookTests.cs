using Longview.Core.Lifecycle.Value;
using Xunit.Abstractions;

namespace Longview.Core.Tests.LifetimeValue;

/// <summary>
/// The CDNOW holdout (weeks 40–78) judges BG/NBD corrected by the buyers' features (<see cref="BgNbdPoissonRegression"/>)
/// beside the textbook BG/NBD and the naive extrapolation of each calibration rate. The regression sees calibration
/// purchases only: it is trained on the last half of the calibration period from features as of its middle.
/// </summary>
public sealed class CdnowBeyondTextbookTests(ITestOutputHelper output)
{
    /// <summary>Half the 39-week calibration period: the longest span that leaves every customer some history before it.</summary>
    private const int SpanDays = 136;

    private static readonly Lazy<Holdout> Measured = new(Measure);

    [CdnowFact]
    public void The_feature_corrected_forecast_is_closer_in_aggregate_than_BG_NBD_and_far_closer_than_naive_extrapolation()
    {
        var m = Measured.Value;
        Report(m);

        Assert.Equal(-0.121, Math.Round(m.BgNbd.AggregateError, 3));
        Assert.True(Math.Abs(m.Regression.AggregateError) < Math.Abs(m.BgNbd.AggregateError) - 0.03,
            $"aggregate error {m.Regression.AggregateError:P1} vs BG/NBD {m.BgNbd.AggregateError:P1}");
        Assert.True(m.Naive.AggregateError > 0.5);
        // Squared error, which the mean forecast minimises: within 0.005 of BG/NBD's (measured 1.6100 vs 1.6080; CDNOW
        // holds little beyond x, t_x, T: even a regression fitted on the holdout itself reaches only 1.586).
        Assert.True(m.Regression.Rmse <= m.BgNbd.Rmse + 0.005, $"RMSE {m.Regression.Rmse:F4} vs BG/NBD {m.BgNbd.Rmse:F4}");
    }

    [CdnowFact]
    public void The_median_forecast_beats_BG_NBD_on_per_customer_absolute_error()
    {
        var m = Measured.Value;
        Report(m);

        // BG/NBD's published MAE is 0.785 (of its mean); the median of the regression's predictive distribution, the point
        // forecast absolute error rewards, is at least 0.08 purchase days per customer better (measured 0.676). Most of
        // that is the median itself: BG/NBD's own mean under the same dispersion gives 0.680.
        Assert.Equal(0.785, Math.Round(m.BgNbd.Mae, 3));
        Assert.True(m.RegressionMedian.Mae < m.BgNbd.Mae - 0.08, $"MAE {m.RegressionMedian.Mae:F4} vs BG/NBD {m.BgNbd.Mae:F4}");
        Assert.True(m.RegressionMedian.Mae < m.Naive.Mae);
    }

    [CdnowFact]
    public void Predicted_holdout_revenue_is_closer_in_aggregate_than_Gamma_Gamma_times_BG_NBD()
    {
        var m = Measured.Value;
        Report(m);

        Assert.True(Math.Abs(m.RegressionRevenue - m.ActualRevenue) < Math.Abs(m.BgNbdRevenue - m.ActualRevenue) / 2,
            $"revenue {m.RegressionRevenue:F0} vs BG/NBD × Gamma-Gamma {m.BgNbdRevenue:F0}, actual {m.ActualRevenue:F0}");
        // Per customer the mean forecast pays for its larger totals in absolute error (measured: 31.24 vs 30.41 dollars):
        // bounded here so a regression that trades much more per-customer accuracy for the total fails.
        Assert.True(m.RegressionRevenueMae <= m.BgNbdRevenueMae * 1.05, $"revenue MAE {m.RegressionRevenueMae:F2} vs BG/NBD × Gamma-Gamma {m.BgNbdRevenueMae:F2}");
    }

    [CdnowFact]
    public void The_forecaster_answers_per_profile_in_days_what_the_regression_answers_in_weeks()
    {
        var purchases = CdnowSample.Purchases();
        var regression = Measured.Value.Model;
        var spend = GammaGammaModel.Fit(PurchaseHistories.Summarise(purchases, CdnowSample.CalibrationEnd).Values);
        var features = PurchaseFeatures.Summarise(purchases, CdnowSample.CalibrationEnd)["00004"];

        var forecast = new LifetimeValueForecaster(regression, spend).Forecast(features, horizonDays: 273);

        Assert.Equal(regression.ExpectedPurchases(features, 39), forecast.ExpectedPurchases, 12);
        Assert.Equal(spend.ExpectedSpend(features.History.Frequency, features.History.MonetaryValue) * forecast.ExpectedPurchases, forecast.ExpectedValue, 9);
        Assert.InRange(forecast.ProbabilityAlive, 0, 1);
        Assert.Equal(0, new LifetimeValueForecaster(regression, spend).Forecast(features, 0).ExpectedValue);
    }

    private void Report(Holdout m)
    {
        output.WriteLine($"actual {m.Actual} repeat purchase days, ${m.ActualRevenue:F0}");
        foreach (var e in new[] { m.Naive, m.BgNbd, m.Regression, m.BgNbdMedian, m.RegressionMedian })
        {
            output.WriteLine($"{e.Name}: forecast {e.Forecast:F1} ({e.AggregateError:+0.0%;-0.0%}), MAE {e.Mae:F4}, RMSE {e.Rmse:F4}");
        }
        output.WriteLine($"revenue: BG/NBD × Gamma-Gamma ${m.BgNbdRevenue:F0}, MAE {m.BgNbdRevenueMae:F2}; regression × Gamma-Gamma ${m.RegressionRevenue:F0}, MAE {m.RegressionRevenueMae:F2}");
        output.WriteLine($"weights {string.Join(", ", m.Model.Weights.Select(w => w.ToString("F4")))}; dispersion θ {m.Model.Dispersion:F4}");
    }

    private sealed record Errors(string Name, double Forecast, double AggregateError, double Mae, double Rmse);

    private sealed record Holdout(
        BgNbdPoissonRegression Model, int Actual, Errors Naive, Errors BgNbd, Errors Regression, Errors BgNbdMedian, Errors RegressionMedian,
        double ActualRevenue, double BgNbdRevenue, double BgNbdRevenueMae, double RegressionRevenue, double RegressionRevenueMae);

    private static Holdout Measure()
    {
        var purchases = CdnowSample.Purchases();
        var calibration = purchases.Where(p => p.Day <= CdnowSample.CalibrationEnd).ToList();
        var weeks = (CdnowSample.HoldoutEnd.DayNumber - CdnowSample.CalibrationEnd.DayNumber) / 7.0;
        var features = PurchaseFeatures.Summarise(calibration, CdnowSample.CalibrationEnd);
        var customers = features.Keys.ToList();
        var actualDays = CdnowSample.HoldoutPurchaseDays(purchases);
        var actual = customers.Select(c => (double)actualDays.GetValueOrDefault(c)).ToArray();
        var revenue = purchases.Where(p => p.Day > CdnowSample.CalibrationEnd && p.Day <= CdnowSample.HoldoutEnd)
            .GroupBy(p => p.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        var actualRevenue = customers.Select(c => revenue.GetValueOrDefault(c)).ToArray();

        // Only calibration purchases reach the fits.
        var model = BgNbdPoissonRegression.Fit(calibration, CdnowSample.CalibrationEnd, SpanDays);
        var bgNbd = model.Baseline;
        var spend = GammaGammaModel.Fit(features.Values.Select(f => f.History));

        var bg = customers.Select(c => bgNbd.ExpectedPurchases(features[c].History, weeks)).ToArray();
        var naive = customers.Select(c => features[c].History.Frequency / features[c].History.Age * weeks).ToArray();
        var corrected = customers.Select(c => model.ExpectedPurchases(features[c], weeks)).ToArray();
        var bgMedian = bg.Select(mu => (double)BgNbdPoissonRegression.NegativeBinomialMedian(mu, model.Dispersion)).ToArray();
        var correctedMedian = customers.Select(c => (double)model.MedianPurchases(features[c], weeks)).ToArray();
        var perPurchase = customers.Select(c => spend.ExpectedSpend(features[c].History.Frequency, features[c].History.MonetaryValue)).ToArray();
        var bgRevenue = bg.Select((y, i) => y * perPurchase[i]).ToArray();
        var correctedRevenue = corrected.Select((y, i) => y * perPurchase[i]).ToArray();

        return new Holdout(
            model,
            (int)actual.Sum(),
            Judge("naive extrapolation x/T", naive, actual),
            Judge("BG/NBD", bg, actual),
            Judge("BG/NBD + Poisson regression (mean)", corrected, actual),
            Judge("BG/NBD median (same dispersion)", bgMedian, actual),
            Judge("BG/NBD + Poisson regression (median)", correctedMedian, actual),
            actualRevenue.Sum(),
            bgRevenue.Sum(),
            bgRevenue.Zip(actualRevenue).Average(p => Math.Abs(p.First - p.Second)),
            correctedRevenue.Sum(),
            correctedRevenue.Zip(actualRevenue).Average(p => Math.Abs(p.First - p.Second)));
    }

    private static Errors Judge(string name, double[] forecast, double[] actual) =>
        new(name,
            forecast.Sum(),
            (forecast.Sum() - actual.Sum()) / actual.Sum(),
            forecast.Zip(actual).Average(p => Math.Abs(p.First - p.Second)),
            Math.Sqrt(forecast.Zip(actual).Average(p => (p.First - p.Second) * (p.First - p.Second))));
}
