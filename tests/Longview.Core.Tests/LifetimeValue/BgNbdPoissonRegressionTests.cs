using Longview.Core.Lifecycle.Value;

namespace Longview.Core.Tests.LifetimeValue;

public sealed class BgNbdPoissonRegressionTests
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    [Theory]
    [InlineData(0.05, 0.6)]
    [InlineData(0.8, 0.6)]
    [InlineData(3.0, 0.6)]
    [InlineData(3.0, 50)]
    [InlineData(12.0, 2)]
    public void The_median_is_the_smallest_count_whose_negative_binomial_cdf_reaches_one_half(double mean, double theta)
    {
        var distribution = new MathNet.Numerics.Distributions.NegativeBinomial(theta, theta / (theta + mean));
        var expected = Enumerable.Range(0, 10_000).First(k => distribution.CumulativeDistribution(k) >= 0.5);

        Assert.Equal(expected, BgNbdPoissonRegression.NegativeBinomialMedian(mean, theta));
    }

    [Fact]
    public void A_feature_that_doubles_the_purchase_rate_gets_a_positive_weight_and_a_larger_multiplier()
    {
        // Big spenders (first-day spend 100) buy on a day with probability 0.04, the others (20) with 0.02; nobody dies.
        var random = new Random(5);
        var purchases = new List<PurchaseHistories.Purchase>();
        for (var c = 0; c < 600; c++)
        {
            var big = c % 2 == 0;
            var first = Start.AddDays(random.Next(0, 60));
            purchases.Add(new($"c{c}", first, big ? 100 : 20));
            for (var d = first.AddDays(1); d <= Start.AddDays(400); d = d.AddDays(1))
            {
                if (random.NextDouble() < (big ? 0.04 : 0.02))
                {
                    purchases.Add(new($"c{c}", d, 30));
                }
            }
        }
        var end = Start.AddDays(300);

        var model = BgNbdPoissonRegression.Fit(purchases, end, spanDays: 120);
        var features = PurchaseFeatures.Summarise(purchases, end);

        var firstDaySpend = PurchaseFeatures.Names.ToList().IndexOf("ln(1 + first-day spend)") + 1;
        Assert.True(model.Weights[firstDaySpend] > 0, $"weights {string.Join(", ", model.Weights)}");
        var bigMultiplier = features.Where(f => f.Value.FirstDaySpend == 100).Average(f => model.Multiplier(f.Value));
        var smallMultiplier = features.Where(f => f.Value.FirstDaySpend == 20).Average(f => model.Multiplier(f.Value));
        Assert.True(bigMultiplier > smallMultiplier, $"{bigMultiplier} vs {smallMultiplier}");
        Assert.Equal(0, model.ExpectedPurchases(features["c0"], 0));
        // Purchases after the calibration end never reach the fit.
        var truncated = BgNbdPoissonRegression.Fit(purchases.Where(p => p.Day <= end), end, spanDays: 120);
        Assert.Equal(model.Weights, truncated.Weights);
    }
}
