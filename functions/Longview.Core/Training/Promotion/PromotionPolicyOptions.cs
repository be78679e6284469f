namespace Longview.Core.Training.Promotion;

public sealed class PromotionPolicyOptions
{
    /// <summary>The candidate's test NDCG@10 must beat the champion's by at least this much (absolute).</summary>
    public double MinNdcgImprovement { get; set; } = 0.002;

    /// <summary>Coverage@10 may drop by at most this much (absolute) against the champion.</summary>
    public double CoverageTolerance { get; set; } = 0.02;

    /// <summary>Churn AUC may drop by at most this much (absolute) against the champion.</summary>
    public double ChurnAucTolerance { get; set; } = 0.01;

    /// <summary>
    /// The churn Brier score may rise by at most this much (absolute) against the champion: the lifecycle segments
    /// threshold the probability itself (<c>Lifecycle:ChurnRiskThreshold</c>), so a model that ranks as well but is
    /// worse calibrated moves users in or out of "at risk".
    /// </summary>
    public double ChurnBrierTolerance { get; set; } = 0.01;

    /// <summary>The churn expected calibration error (10 equal-width bins) may rise by at most this much (absolute).</summary>
    public double ChurnEceTolerance { get; set; } = 0.02;

    /// <summary>The problems of these settings, each naming its setting under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Problems(string section)
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[]
        {
            (nameof(MinNdcgImprovement), MinNdcgImprovement),
            (nameof(CoverageTolerance), CoverageTolerance),
            (nameof(ChurnAucTolerance), ChurnAucTolerance),
            (nameof(ChurnBrierTolerance), ChurnBrierTolerance),
            (nameof(ChurnEceTolerance), ChurnEceTolerance),
        })
        {
            // Every one of these is a difference of metrics in [0, 1].
            if (!(value >= -1 && value <= 1))
            {
                problems.Add($"{section}:{name} must be a number in [-1, 1] (got {value})");
            }
            else if (name != nameof(MinNdcgImprovement) && value < 0)
            {
                problems.Add($"{section}:{name} must not be negative (got {value}): a tolerance below 0 would demand an improvement");
            }
        }
        return problems;
    }

    public PromotionPolicyOptions Copy() => (PromotionPolicyOptions)MemberwiseClone();
}
