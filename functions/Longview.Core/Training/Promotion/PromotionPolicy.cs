using System.Globalization;

namespace Longview.Core.Training.Promotion;

/// <summary>
/// Decides on one holdout: the first model always promotes; otherwise the candidate promotes only when its NDCG@10
/// improves by the margin and none of coverage@10, churn AUC, churn Brier score or churn expected calibration error
/// regresses beyond its tolerance. A churn metric the champion lacks (recorded before the job computed it) is not
/// compared; one the champion has and the candidate lacks fails.
/// </summary>
public sealed class PromotionPolicy(PromotionPolicyOptions options)
{
    public PromotionDecision Decide(ModelMetrics candidate, ModelMetrics? champion)
    {
        if (champion is null)
        {
            return new PromotionDecision(true, $"first model: no champion to compare with (candidate NDCG@10 {F(candidate.NdcgAt10)})");
        }

        var failures = new List<string>();
        var gain = candidate.NdcgAt10 - champion.NdcgAt10;
        if (gain < options.MinNdcgImprovement)
        {
            failures.Add($"NDCG@10 {F(candidate.NdcgAt10)} vs champion {F(champion.NdcgAt10)} improves by {F(gain)}, less than the margin {F(options.MinNdcgImprovement)}");
        }

        var coverageDrop = champion.CoverageAt10 - candidate.CoverageAt10;
        if (coverageDrop > options.CoverageTolerance)
        {
            failures.Add($"coverage@10 {F(candidate.CoverageAt10)} vs champion {F(champion.CoverageAt10)} drops by {F(coverageDrop)}, more than the tolerance {F(options.CoverageTolerance)}");
        }

        // AUC must not drop; Brier and ECE (lower is better) must not rise: the at-risk segment thresholds the probability.
        Compare(failures, "churn AUC", candidate.ChurnAuc, champion.ChurnAuc, higherIsBetter: true, options.ChurnAucTolerance);
        Compare(failures, "churn Brier score", candidate.ChurnBrier, champion.ChurnBrier, higherIsBetter: false, options.ChurnBrierTolerance);
        Compare(failures, "churn calibration error (ECE)", candidate.ChurnEce, champion.ChurnEce, higherIsBetter: false, options.ChurnEceTolerance);

        return failures.Count == 0
            ? new PromotionDecision(true, $"NDCG@10 {F(candidate.NdcgAt10)} vs champion {F(champion.NdcgAt10)} (+{F(gain)}); coverage@10 {F(candidate.CoverageAt10)} vs {F(champion.CoverageAt10)}; churn AUC {F(candidate.ChurnAuc)} vs {F(champion.ChurnAuc)}; churn Brier {F(candidate.ChurnBrier)} vs {F(champion.ChurnBrier)}; churn ECE {F(candidate.ChurnEce)} vs {F(champion.ChurnEce)}")
            : new PromotionDecision(false, string.Join("; ", failures));
    }

    private static void Compare(List<string> failures, string name, double? candidate, double? champion, bool higherIsBetter, double tolerance)
    {
        if (champion is not { } championValue)
        {
            return;
        }
        if (candidate is not { } candidateValue)
        {
            failures.Add($"{name} is missing while the champion has {F(championValue)}");
            return;
        }
        var worse = higherIsBetter ? championValue - candidateValue : candidateValue - championValue;
        if (worse > tolerance)
        {
            failures.Add($"{name} {F(candidateValue)} vs champion {F(championValue)} is worse by {F(worse)}, more than the tolerance {F(tolerance)}");
        }
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
}
