using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Lifecycle.Churn;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Churn;

public sealed class ChurnScorecardTests
{
    [DebianPythonFact("sklearn", "sklearn")]
    public void Auc_average_precision_and_Brier_equal_scikit_learn()
    {
        var samples = Enumerable.Range(1, 8).Select(seed =>
        {
            var random = new Random(seed);
            // Risks on a coarse grid (many ties), churn more likely with risk: a realistic, imperfect score.
            return Enumerable.Range(0, random.Next(30, 500)).Select(_ =>
            {
                var risk = random.Next(0, 21) / 20.0;
                return (Risk: risk, Churned: random.NextDouble() < 0.2 + (0.6 * risk));
            }).ToList();
        }).ToList();

        var expected = RunSklearn(samples);

        for (var i = 0; i < samples.Count; i++)
        {
            var card = ChurnScorecard.Evaluate(samples[i]);
            Assert.Equal(expected[i]!["roc_auc"]!.GetValue<double>(), card.RocAuc!.Value, 12);
            Assert.Equal(expected[i]!["average_precision"]!.GetValue<double>(), card.PrAuc!.Value, 12);
            Assert.Equal(expected[i]!["brier"]!.GetValue<double>(), card.Brier, 12);
        }
    }

    [Fact]
    public void A_perfect_score_has_AUCs_of_one_and_the_top_decile_holds_only_churners()
    {
        var scored = Enumerable.Range(0, 100).Select(i => (Risk: i / 100.0, Churned: i >= 70)).ToList();

        var card = ChurnScorecard.Evaluate(scored);

        Assert.Equal(1.0, card.RocAuc);
        Assert.Equal(1.0, card.PrAuc);
        Assert.Equal(1.0 / 0.3, card.TopDecileLift!.Value, 12);
        Assert.Equal(10, card.Calibration.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], card.Calibration.Select(b => b.ObservedRate));
    }

    [Fact]
    public void One_class_only_leaves_the_AUC_undefined_and_a_risk_outside_the_unit_interval_is_refused()
    {
        Assert.Null(ChurnScorecard.Evaluate([(0.2, false), (0.9, false)]).RocAuc);
        var error = Assert.Throws<ArgumentException>(() => ChurnScorecard.Evaluate([(1.5, true)]));
        Assert.Contains("risk: 1.5", error.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Reversing_the_score_mirrors_the_AUC_and_the_calibration_table_keeps_every_user() =>
        Prop.ForAll(
            Gen.Choose(0, 10).Zip(Gen.Elements(true, false), (r, c) => (Risk: r / 10.0, Churned: c)).ArrayOf()
                .Where(a => a.Any(s => s.Churned) && a.Any(s => !s.Churned)).ToArbitrary(),
            scored =>
            {
                var card = ChurnScorecard.Evaluate(scored);
                var reversed = ChurnScorecard.Evaluate(scored.Select(s => (1 - s.Risk, s.Churned)).ToArray());
                var meanPredicted = card.Calibration.Sum(b => b.MeanPredicted * b.Users) / scored.Length;
                return Math.Abs(card.RocAuc!.Value + reversed.RocAuc!.Value - 1) < 1e-12
                    && card.Calibration.Sum(b => b.Users) == scored.Length
                    && Math.Abs(meanPredicted - scored.Average(s => s.Risk)) < 1e-9;
            });

    private static JsonArray RunSklearn(IEnumerable<List<(double Risk, bool Churned)>> samples)
    {
        var input = new JsonObject
        {
            ["samples"] = new JsonArray(samples.Select(s => (JsonNode)new JsonObject
            {
                ["risk"] = new JsonArray(s.Select(x => (JsonNode)x.Risk).ToArray()),
                ["churned"] = new JsonArray(s.Select(x => (JsonNode)(x.Churned ? 1 : 0)).ToArray()),
            }).ToArray()),
        };
        return PythonCrossCheck.Run(Path.Combine("lifecycle", "churn_crosscheck.py"), input);
    }
}
