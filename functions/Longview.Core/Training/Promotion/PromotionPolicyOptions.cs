namespace Longview.Core.Training.Promotion;

public sealed class PromotionPolicyOptions
{
    /// <summary>The candidate's test NDCG@10 must beat the champion's by at least this much (absolute).</summary>
    public double MinNdcgImprovement { get; set; } = 0.002;

    /// <summary>Coverage@10 may drop by at most this much (absolute) against the champion.</summary>
    public double CoverageTolerance { get; set; } = 0.02;

    /// <summary>Churn AUC may drop by at most this much (absolute) against the champion.</summary>
    public double ChurnAucTolerance { get; set; } = 0.01;
}
