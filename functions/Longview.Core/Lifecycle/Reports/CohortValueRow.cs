namespace Longview.Core.Lifecycle.Reports;

/// <summary>
/// Value of one first-seen cohort ("yyyy-MM" or "all"): revenue so far, and over the lifecycle horizon the expected
/// purchases (or active days where the deployment has no money) and predicted value, with the mean P(alive).
/// </summary>
public sealed record CohortValueRow(
    string Cohort,
    long Users,
    long Buyers,
    double Revenue,
    double ExpectedPurchases,
    double PredictedValue,
    double MeanProbabilityAlive);
