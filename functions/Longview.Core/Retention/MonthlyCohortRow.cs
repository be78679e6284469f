namespace Longview.Core.Retention;

/// <summary>
/// One cell of the monthly cohort table: users first seen in the calendar month starting <see cref="CohortMonth"/>
/// and how many were active in calendar month CohortMonth + <see cref="Month"/> (<see cref="Retained"/>) or in
/// that month or later (<see cref="RetainedOrLater"/>). Null while that month has not fully elapsed.
/// </summary>
public sealed record MonthlyCohortRow(
    DateOnly CohortMonth,
    int Month,
    long CohortSize,
    long? Retained,
    long? RetainedOrLater,
    double? RetentionRate,
    double? UnboundedRate);
