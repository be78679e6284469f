namespace Longview.Core.Training.Promotion;

/// <summary>
/// What promotion compares, all on the leave-one-out test split with full ranking: NDCG@10, catalogue coverage@10,
/// and the churn model's AUC (null when the job could not compute it).
/// </summary>
public sealed record ModelMetrics(double NdcgAt10, double CoverageAt10, double? ChurnAuc);
