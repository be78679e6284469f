namespace Longview.Core.Lifecycle.Reports;

/// <summary>
/// How long a cohort's users last: median lifespan with its 95% interval (null while more than half are still alive),
/// and the restricted mean lifespan up to <see cref="RestrictedHorizonDays"/>. A user not yet churned is censored.
/// </summary>
public sealed record CohortLifespanRow(
    string Cohort,
    int Users,
    int Churned,
    double? MedianDays,
    double? MedianLower,
    double? MedianUpper,
    double RestrictedMeanDays,
    int RestrictedHorizonDays);
