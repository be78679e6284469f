namespace Longview.Core.Experiments.Results;

/// <summary>
/// The results of one experiment as of <see cref="ComputedAt"/>: the sample ratio check, and per metric each variant's
/// value and each non-control variant's difference to the control with a 95% interval, CUPED-adjusted where a
/// pre-period covariate applies, and the minimum detectable effect for the users so far. <see cref="Warnings"/> says in
/// words what must not be read into it (before the planned horizon; a sample ratio mismatch).
/// </summary>
public sealed record ExperimentReadout(
    string ExperimentId,
    string? Description,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset ComputedAt,
    string Control,
    IReadOnlyList<string> Warnings,
    SampleRatioCheck SampleRatio,
    IReadOnlyList<MetricReadout> Metrics);

/// <summary>Exposed users per variant against the configured shares; a mismatch (p &lt; 0.001) means the assignment or the logging is broken.</summary>
public sealed record SampleRatioCheck(double ChiSquare, double PValue, bool Mismatch, IReadOnlyList<VariantUsers> Variants);

public sealed record VariantUsers(string Variant, long Users, double ExpectedShare);

/// <summary>One metric: <see cref="Kind"/> is proportion (return), mean, or ratio (CTR).</summary>
public sealed record MetricReadout(ExperimentMetric Metric, string Kind, IReadOnlyList<VariantValue> Variants, IReadOnlyList<VariantComparison> Comparisons);

/// <summary>A variant's value of the metric over <see cref="Users"/> users (those whose window has ended).</summary>
public sealed record VariantValue(string Variant, long Users, double? Value);

/// <summary>
/// A variant against the control: the difference with its interval, relative to the control's value, the CUPED
/// difference with the share of variance it removed, and the minimum detectable effect (absolute, 80% power).
/// </summary>
public sealed record VariantComparison(
    string Variant,
    Interval? Difference,
    double? Relative,
    CupedInterval? Cuped,
    double? MinimumDetectableEffect);

public sealed record CupedInterval(Interval Interval, double VarianceReduction);
