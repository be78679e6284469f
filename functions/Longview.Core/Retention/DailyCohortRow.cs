namespace Longview.Core.Retention;

/// <summary>
/// One cell of the daily cohort table: the users first seen on <see cref="Cohort"/> and how many of them came
/// back on exactly day <see cref="Day"/> (<see cref="Retained"/>) or on day <see cref="Day"/> or later
/// (<see cref="RetainedOrLater"/>). Counts and rates are null while day Cohort + Day has not fully elapsed.
/// </summary>
public sealed record DailyCohortRow(
    DateOnly Cohort,
    int Day,
    long CohortSize,
    long? Retained,
    long? RetainedOrLater,
    double? RetentionRate,
    double? UnboundedRate);
