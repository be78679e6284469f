using System.Globalization;

namespace Longview.Core.Training.Promotion;

/// <summary>
/// Decides on one holdout: the first model always promotes; otherwise the candidate promotes only when its NDCG@10
/// improves by the margin and neither coverage@10 nor churn AUC regresses beyond its tolerance.
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

        if (champion.ChurnAuc is { } championAuc)
        {
            if (candidate.ChurnAuc is not { } candidateAuc)
            {
                failures.Add($"churn AUC is missing while the champion has {F(championAuc)}");
            }
            else if (championAuc - candidateAuc > options.ChurnAucTolerance)
            {
                failures.Add($"churn AUC {F(candidateAuc)} vs champion {F(championAuc)} drops by {F(championAuc - candidateAuc)}, more than the tolerance {F(options.ChurnAucTolerance)}");
            }
        }

        return failures.Count == 0
            ? new PromotionDecision(true, $"NDCG@10 {F(candidate.NdcgAt10)} vs champion {F(champion.NdcgAt10)} (+{F(gain)}); coverage@10 {F(candidate.CoverageAt10)} vs {F(champion.CoverageAt10)}; churn AUC {F(candidate.ChurnAuc)} vs {F(champion.ChurnAuc)}")
            : new PromotionDecision(false, string.Join("; ", failures));
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
}
