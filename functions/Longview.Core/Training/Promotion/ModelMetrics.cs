namespace Longview.Core.Training.Promotion;

/// <summary>
/// What promotion compares, all on the leave-one-out test split with full ranking: NDCG@10, catalogue coverage@10,
/// and the churn model's AUC, Brier score and expected calibration error on the job's held-out users (each null when
/// the job could not compute it, or, for Brier and ECE, when the job predates them).
/// </summary>
public sealed record ModelMetrics(double NdcgAt10, double CoverageAt10, double? ChurnAuc, double? ChurnBrier = null, double? ChurnEce = null);
