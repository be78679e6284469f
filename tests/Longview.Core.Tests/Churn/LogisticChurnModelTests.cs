using Longview.Core.Lifecycle.Churn;

namespace Longview.Core.Tests.Churn;

public sealed class LogisticChurnModelTests
{
    [Fact]
    public void The_fit_recovers_the_coefficients_that_generated_the_labels()
    {
        // churn ~ Bernoulli(sigmoid(-0.5 + 2 x1 - 1 x2)), x ~ N(0, 1) standardised already: the fit must find (-0.5, 2, -1).
        var random = new Random(7);
        var rows = new List<double[]>();
        var labels = new List<bool>();
        for (var i = 0; i < 20_000; i++)
        {
            var x1 = Gaussian(random);
            var x2 = Gaussian(random);
            rows.Add([x1, x2]);
            labels.Add(random.NextDouble() < 1 / (1 + Math.Exp(-(-0.5 + (2 * x1) - x2))));
        }

        var model = LogisticChurnModel.Fit(rows, labels);

        // Weights are per standardised feature; the sample's standard deviations are ~1, so they match within sampling error.
        Assert.Equal(-0.5, model.Weights[0], 0.06);
        Assert.Equal(2.0, model.Weights[1], 0.1);
        Assert.Equal(-1.0, model.Weights[2], 0.06);
        Assert.True(model.Predict([3, 0]) > 0.99);
        Assert.True(model.Predict([-3, 0]) < 0.01);
    }

    [Fact]
    public void Perfectly_separable_labels_still_give_a_finite_fit_and_a_constant_feature_is_harmless()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new double[] { i, 5 }).ToList();
        var labels = Enumerable.Range(0, 50).Select(i => i >= 25).ToList();

        var model = LogisticChurnModel.Fit(rows, labels);

        Assert.All(model.Weights, w => Assert.True(double.IsFinite(w)));
        Assert.True(model.Predict([49, 5]) > 0.9 && model.Predict([0, 5]) < 0.1);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
