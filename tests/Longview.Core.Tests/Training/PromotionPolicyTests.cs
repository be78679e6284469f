using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Training;
using Longview.Core.Training.Promotion;

namespace Longview.Core.Tests.Training;

public sealed class PromotionPolicyTests
{
    private static readonly PromotionPolicy Policy = new(new PromotionPolicyOptions
    {
        MinNdcgImprovement = 0.01, CoverageTolerance = 0.02, ChurnAucTolerance = 0.01, ChurnBrierTolerance = 0.01, ChurnEceTolerance = 0.02,
    });

    private static readonly ModelMetrics Champion = new(0.10, 0.30, 0.70, 0.15, 0.03);

    [Fact]
    public void The_first_model_always_promotes() =>
        Assert.True(Policy.Decide(new ModelMetrics(0, 0, null), null).Promote);

    [Theory]
    [InlineData(0.111, 0.30, 0.70, true, "")]
    [InlineData(0.105, 0.30, 0.70, false, "less than the margin 0.01")]
    [InlineData(0.150, 0.27, 0.70, false, "coverage@10 0.27 vs champion 0.3 drops by 0.03")]
    [InlineData(0.150, 0.285, 0.695, true, "")]
    [InlineData(0.150, 0.30, 0.68, false, "churn AUC 0.68 vs champion 0.7")]
    public void Promotes_only_on_the_margin_within_tolerances(double ndcg, double coverage, double auc, bool promote, string reason)
    {
        var decision = Policy.Decide(new ModelMetrics(ndcg, coverage, auc, 0.15, 0.03), Champion);

        Assert.Equal(promote, decision.Promote);
        Assert.Contains(reason, decision.Reason);
    }

    [Theory]
    [InlineData(0.159, 0.03, true, "churn Brier 0.159 vs 0.15")]               // worse by 0.009: within 0.01
    [InlineData(0.165, 0.03, false, "churn Brier score 0.165 vs champion 0.15 is worse by 0.015, more than the tolerance 0.01")]
    [InlineData(0.10, 0.045, true, "churn ECE 0.045 vs 0.03")]                // worse by 0.015: within 0.02
    [InlineData(0.10, 0.06, false, "churn calibration error (ECE) 0.06 vs champion 0.03 is worse by 0.03, more than the tolerance 0.02")]
    [InlineData(0.20, 0.09, false, "churn Brier score 0.2 vs champion 0.15 is worse by 0.05, more than the tolerance 0.01; churn calibration error (ECE)")]
    public void A_better_ranking_model_with_worse_churn_calibration_is_not_promoted(double brier, double ece, bool promote, string reason)
    {
        // NDCG@10 well above the margin, churn AUC even better: only calibration can stop it.
        var decision = Policy.Decide(new ModelMetrics(0.2, 0.3, 0.75, brier, ece), Champion);

        Assert.Equal(promote, decision.Promote);
        Assert.Contains(reason, decision.Reason);
    }

    [Fact]
    public void A_champion_recorded_before_calibration_metrics_is_compared_on_the_rest()
    {
        var recordedBefore = new ModelMetrics(0.10, 0.30, 0.70);

        Assert.True(Policy.Decide(new ModelMetrics(0.2, 0.3, 0.7, 0.9, 0.9), recordedBefore).Promote);
        Assert.True(Policy.Decide(new ModelMetrics(0.2, 0.3, 0.7), recordedBefore).Promote);
    }

    [Fact]
    public void A_candidate_without_calibration_metrics_does_not_replace_a_champion_with_them()
    {
        var decision = Policy.Decide(new ModelMetrics(0.2, 0.3, 0.7), Champion);

        Assert.False(decision.Promote);
        Assert.Contains("churn Brier score is missing while the champion has 0.15", decision.Reason);
        Assert.Contains("churn calibration error (ECE) is missing while the champion has 0.03", decision.Reason);
    }

    [Fact]
    public void A_candidate_without_churn_auc_does_not_replace_a_champion_with_one()
    {
        var decision = Policy.Decide(new ModelMetrics(0.2, 0.3, null, 0.15, 0.03), Champion);

        Assert.False(decision.Promote);
        Assert.Contains("churn AUC is missing", decision.Reason);
    }

    [Fact]
    public void Every_failed_criterion_is_named()
    {
        var decision = Policy.Decide(new ModelMetrics(0.05, 0.1, 0.5), Champion);

        Assert.Contains("NDCG@10", decision.Reason);
        Assert.Contains("coverage@10", decision.Reason);
        Assert.Contains("churn AUC", decision.Reason);
    }

    [Fact]
    public void The_calibration_tolerances_are_validated_by_name_and_captured_for_the_run()
    {
        var options = new TrainingPipelineOptions();
        options.Promotion.ChurnBrierTolerance = -0.01;
        options.Promotion.ChurnEceTolerance = double.NaN;

        var result = new Longview.Core.Configuration.SettingsValidator<TrainingPipelineOptions>(TrainingPipelineOptions.SectionName).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Promotion:ChurnBrierTolerance must not be negative", result.FailureMessage);
        Assert.Contains("Promotion:ChurnEceTolerance must be a number in [-1, 1] (got NaN)", result.FailureMessage);

        options.Promotion.ChurnBrierTolerance = 0.004;
        options.Promotion.ChurnEceTolerance = 0.007;
        var captured = TrainingRunSettings.Capture(options, null).Promotion;
        options.Promotion.ChurnBrierTolerance = 0.5;
        Assert.Equal((0.004, 0.007), (captured.ChurnBrierTolerance, captured.ChurnEceTolerance));
    }

    /// <summary>Improving any metric of a promoted candidate never turns the decision into a rejection.</summary>
    [Property]
    public Property Better_never_loses_what_worse_won()
    {
        var unit = Gen.Choose(0, 1000).Select(i => i / 1000.0);
        var metrics = from n in unit from c in unit from a in unit from b in unit from e in unit select new ModelMetrics(n, c, a, b, e);
        var cases = from candidate in metrics from champion in metrics from lift in metrics select (candidate, champion, lift);
        return Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var (candidate, champion, lift) = input;
            // Better: higher NDCG, coverage and AUC; lower Brier and ECE.
            var better = new ModelMetrics(candidate.NdcgAt10 + lift.NdcgAt10, candidate.CoverageAt10 + lift.CoverageAt10, candidate.ChurnAuc + lift.ChurnAuc,
                candidate.ChurnBrier - lift.ChurnBrier, candidate.ChurnEce - lift.ChurnEce);
            return !Policy.Decide(candidate, champion).Promote || Policy.Decide(better, champion).Promote;
        });
    }
}
