using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Training.Promotion;

namespace Longview.Core.Tests.Training;

public sealed class PromotionPolicyTests
{
    private static readonly PromotionPolicy Policy = new(new PromotionPolicyOptions { MinNdcgImprovement = 0.01, CoverageTolerance = 0.02, ChurnAucTolerance = 0.01 });
    private static readonly ModelMetrics Champion = new(0.10, 0.30, 0.70);

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
        var decision = Policy.Decide(new ModelMetrics(ndcg, coverage, auc), Champion);

        Assert.Equal(promote, decision.Promote);
        Assert.Contains(reason, decision.Reason);
    }

    [Fact]
    public void A_candidate_without_churn_auc_does_not_replace_a_champion_with_one()
    {
        var decision = Policy.Decide(new ModelMetrics(0.2, 0.3, null), Champion);

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

    /// <summary>Improving any metric of a promoted candidate never turns the decision into a rejection.</summary>
    [Property]
    public Property Better_never_loses_what_worse_won()
    {
        var unit = Gen.Choose(0, 1000).Select(i => i / 1000.0);
        var metrics = from n in unit from c in unit from a in unit select new ModelMetrics(n, c, a);
        var cases = from candidate in metrics from champion in metrics from lift in metrics select (candidate, champion, lift);
        return Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var (candidate, champion, lift) = input;
            var better = new ModelMetrics(candidate.NdcgAt10 + lift.NdcgAt10, candidate.CoverageAt10 + lift.CoverageAt10, candidate.ChurnAuc + lift.ChurnAuc);
            return !Policy.Decide(candidate, champion).Promote || Policy.Decide(better, champion).Promote;
        });
    }
}
