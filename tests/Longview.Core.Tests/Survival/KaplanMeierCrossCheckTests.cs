using System.Text.Json;
using System.Text.Json.Nodes;
using Longview.Core.Lifecycle.Survival;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Survival;

/// <summary>
/// Longview's Kaplan–Meier curves equal, cell for cell, statsmodels' SurvfuncRight (tests/lifecycle/survival_crosscheck.py):
/// times, numbers at risk and churned, S(t), Greenwood standard errors, the median with its cloglog interval, and the
/// restricted mean, on random samples with ties and heavy censoring.
/// </summary>
public sealed class KaplanMeierCrossCheckTests
{
    [DebianPythonFact("statsmodels", "statsmodels")]
    public void Curves_equal_statsmodels_SurvfuncRight_cell_for_cell()
    {
        var samples = Enumerable.Range(0, 8).Select(Sample).ToList();
        var expected = RunStatsmodels(samples);

        for (var i = 0; i < samples.Count; i++)
        {
            var (lifespans, horizon) = samples[i];
            var curve = KaplanMeier.Estimate(lifespans);
            var python = expected[i]!;
            var steps = curve.Steps;
            Assert.Equal(Doubles(python["times"]!), steps.Select(s => s.Time));
            Assert.Equal(Ints(python["at_risk"]!), steps.Select(s => s.AtRisk));
            Assert.Equal(Ints(python["events"]!), steps.Select(s => s.Churned));
            AssertClose(Doubles(python["survival"]!), steps.Select(s => s.Survival), $"sample {i} survival");
            // Where S reaches 0 statsmodels' Greenwood error is NaN (null here); Longview reports 0 there.
            var se = python["se"]!.AsArray().Select(n => n?.GetValue<double>() ?? 0).ToArray();
            AssertClose(se, steps.Select(s => s.StandardError), $"sample {i} standard error");
            Assert.Equal(python["median"]?.GetValue<double>(), curve.Median);
            var interval = python["median_ci"]!.AsArray();
            if (interval[0] is null)
            {
                Assert.Null(curve.MedianInterval);
            }
            else
            {
                Assert.Equal(interval[0]!.GetValue<double>(), curve.MedianInterval!.Value.Lower);
                var upper = interval[1]!.GetValueKind() == JsonValueKind.String ? double.PositiveInfinity : interval[1]!.GetValue<double>();
                Assert.Equal(upper, curve.MedianInterval!.Value.Upper);
            }
            Assert.Equal(python["restricted_mean"]!.GetValue<double>(), curve.RestrictedMean(horizon), 9);
        }
    }

    /// <summary>Integer durations in [0, 30] (many ties), a third to two thirds censored, 5 to 400 lifespans.</summary>
    private static (List<Lifespan> Lifespans, double Horizon) Sample(int seed)
    {
        var random = new Random(seed);
        var censoring = 0.33 + (random.NextDouble() * 0.33);
        var count = seed == 0 ? 5 : random.Next(20, 400);
        var lifespans = Enumerable.Range(0, count)
            .Select(_ => new Lifespan(random.Next(0, 31), random.NextDouble() >= censoring))
            .ToList();
        return (lifespans, 5 + random.Next(0, 30));
    }

    private static void AssertClose(double[] expected, IEnumerable<double> actual, string what)
    {
        var a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - a[i]) <= 1e-12, $"{what}[{i}]: statsmodels {expected[i]}, Longview {a[i]}");
        }
    }

    private static double[] Doubles(JsonNode node) => node.AsArray().Select(n => n!.GetValue<double>()).ToArray();

    private static int[] Ints(JsonNode node) => node.AsArray().Select(n => n!.GetValue<int>()).ToArray();

    private static JsonArray RunStatsmodels(IEnumerable<(List<Lifespan> Lifespans, double Horizon)> samples)
    {
        var input = new JsonObject
        {
            ["samples"] = new JsonArray(samples.Select(s => (JsonNode)new JsonObject
            {
                ["durations"] = new JsonArray(s.Lifespans.Select(l => (JsonNode)l.Duration).ToArray()),
                ["churned"] = new JsonArray(s.Lifespans.Select(l => (JsonNode)(l.Churned ? 1 : 0)).ToArray()),
                ["horizon"] = s.Horizon,
            }).ToArray()),
        };
        return PythonCrossCheck.Run(Path.Combine("lifecycle", "survival_crosscheck.py"), input);
    }
}
