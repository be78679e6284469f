using System.Text.Json.Nodes;
using Longview.Core.Experiments.Results;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Experiments;

/// <summary>
/// The readout's statistics from streamed moments against statsmodels/scipy on the raw values
/// (tests/experiments/statistics_crosscheck.py): Welch and Newcombe intervals, CUPED, the sample ratio check and the MDE.
/// </summary>
public sealed class StatisticsCrossCheckTests
{
    private sealed record Sample(double[] Xc, double[] Yc, double[] Xt, double[] Yt, bool Binary, long[] Counts, double[] Shares);

    private static IEnumerable<Sample> Samples()
    {
        var random = new Random(20261207);
        double Poisson(double mean)
        {
            var (l, k, p) = (Math.Exp(-mean), 0, 1d);
            do { k++; p *= random.NextDouble(); } while (p > l);
            return k - 1;
        }
        // Active days with a pre-period covariate that predicts them, a small lift; then a binary return metric;
        // then unequal arms with skewed value; then a tiny sample; then a rare binary event in small unequal arms (where
        // the interval method matters most).
        foreach (var (nc, nt, lift, binary) in new[] { (800, 760, 0.3, false), (1500, 1450, 0.04, true), (300, 900, 2.0, false), (5, 7, 0.0, false), (120, 280, 0.0, true) })
        {
            double[] Pre(int n) => [.. Enumerable.Range(0, n).Select(_ => Poisson(4))];
            var (xc, xt) = (Pre(nc), Pre(nt));
            double[] Outcome(double[] x, double add) => binary
                ? [.. x.Select(v => random.NextDouble() < (nc == 120 ? 0.03 : Math.Min(0.95, 0.2 + 0.08 * v + add)) ? 1d : 0d)]
                : [.. x.Select(v => Poisson(1 + 0.6 * v + add) * (nc == 300 ? 1 + 10 * random.NextDouble() * random.NextDouble() : 1))];
            yield return new Sample(xc, Outcome(xc, 0), xt, Outcome(xt, lift), binary, [nc, nt, nc / 2], [0.4, 0.4, 0.2]);
        }
    }

    [Fact]
    public void The_proportion_interval_keeps_its_width_when_an_arm_has_no_event()
    {
        // Wald would give the empty arm a standard error of 0 and an interval as narrow as the other arm alone.
        var interval = Inference.ProportionDifference(0, 40, 3, 100)!;

        Assert.Equal(0.03, interval.Difference, 12);
        Assert.True(interval.Lower < 0 && interval.Upper > interval.Difference, $"[{interval.Lower}, {interval.Upper}]");
        var (lower, upper) = Inference.Wilson(0, 40);
        Assert.Equal(0, lower, 12);
        Assert.InRange(upper, 0.087, 0.088);   // 3.84 / 43.84, Wilson's upper bound at 0 of 40
    }

    [DebianPythonFact("statsmodels", "statsmodels")]
    public void Intervals_cuped_sample_ratio_and_mde_match_statsmodels_and_scipy()
    {
        var samples = Samples().ToList();
        var input = new JsonObject
        {
            ["samples"] = new JsonArray([.. samples.Select(s => (JsonNode)new JsonObject
            {
                ["control"] = new JsonObject { ["x"] = Array(s.Xc), ["y"] = Array(s.Yc) },
                ["treatment"] = new JsonObject { ["x"] = Array(s.Xt), ["y"] = Array(s.Yt) },
                ["binary"] = s.Binary,
                ["counts"] = new JsonArray([.. s.Counts.Select(c => (JsonNode)c)]),
                ["shares"] = new JsonArray([.. s.Shares.Select(c => (JsonNode)c)]),
            })]),
        };
        var expected = PythonCrossCheck.Run("experiments/statistics_crosscheck.py", input);

        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var e = expected[i]!;
            var (control, treatment) = (Fold(s.Xc, s.Yc), Fold(s.Xt, s.Yt));
            var difference = s.Binary
                ? Inference.ProportionDifference((long)s.Yc.Sum(), s.Yc.Length, (long)s.Yt.Sum(), s.Yt.Length)!
                : Inference.WelchDifference(control, treatment)!;
            Close((double)e["difference"]!, difference.Difference, $"sample {i} difference");
            Close((double)e["lower"]!, difference.Lower, $"sample {i} lower");
            Close((double)e["upper"]!, difference.Upper, $"sample {i} upper");

            var (cuped, reduction) = Inference.Cuped(control, treatment)!.Value;
            Close((double)e["cuped_difference"]!, cuped.Difference, $"sample {i} CUPED difference");
            Close((double)e["cuped_lower"]!, cuped.Lower, $"sample {i} CUPED lower");
            Close((double)e["cuped_upper"]!, cuped.Upper, $"sample {i} CUPED upper");
            Close((double)e["variance_reduction"]!, reduction, $"sample {i} variance reduction");

            var (chi, p) = Inference.SampleRatio(s.Counts, s.Shares);
            Close((double)e["chi_square"]!, chi, $"sample {i} chi-square");
            Close((double)e["p_value"]!, p, $"sample {i} p-value");

            var mde = Inference.MinimumDetectableEffect(control.Count, control.VarianceY, treatment.Count, treatment.VarianceY)!.Value;
            Assert.True(Math.Abs(mde - (double)e["mde"]!) <= 1e-4 * (double)e["mde"]!, $"sample {i} MDE: {mde} against statsmodels {(double)e["mde"]!}");

            // CTR-like ratio of sums, x = the pre-period counts as the denominator: the delta method against a bootstrap
            // (a sampling method, so only to a few percent; the tiny sample is left out).
            if (s.Xc.Length >= 100)
            {
                var ratio = Inference.RatioDifference(control, treatment)!;
                Close((double)e["ratio_difference"]!, ratio.Difference, $"sample {i} ratio difference");
                var bootstrap = (double)e["ratio_se"]!;
                Assert.True(Math.Abs(ratio.StandardError - bootstrap) <= 0.06 * bootstrap, $"sample {i} ratio SE: delta method {ratio.StandardError} against bootstrap {bootstrap}");
            }
        }
    }

    [Fact]
    public void Combined_moments_equal_the_moments_of_the_concatenated_stream()
    {
        var random = new Random(3);
        var parts = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, random.Next(0, 50)).Select(_ => (random.NextDouble() * 10, random.NextDouble() * 3 + 1e6)).ToList()).ToList();
        var combined = Moments.Combine(parts.Select(p => Fold([.. p.Select(v => v.Item1)], [.. p.Select(v => v.Item2)])));
        var all = parts.SelectMany(p => p).ToList();
        var direct = Fold([.. all.Select(v => v.Item1)], [.. all.Select(v => v.Item2)]);

        Assert.Equal(direct.Count, combined.Count);
        Close(direct.MeanY, combined.MeanY, "mean y");
        Close(direct.VarianceX, combined.VarianceX, "variance x");
        Close(direct.VarianceY, combined.VarianceY, "variance y");
        Close(direct.Covariance, combined.Covariance, "covariance");
    }

    private static Moments Fold(double[] x, double[] y)
    {
        var moments = new Moments();
        for (var i = 0; i < x.Length; i++)
        {
            moments.Add(x[i], y[i]);
        }
        return moments;
    }

    private static JsonArray Array(double[] values) => new([.. values.Select(v => (JsonNode)v)]);

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 + 1e-7 * Math.Abs(expected), $"{what}: {actual} against the independent {expected}");
}
