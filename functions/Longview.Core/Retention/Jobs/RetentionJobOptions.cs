using System.ComponentModel.DataAnnotations;
using Longview.Core.Workflows;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// Which ranges a job run covers, counted back from its as-of day, how long a backfill may be and how a failed day is
/// retried (when the runs happen is <see cref="RetentionScheduleOptions"/>).
/// The accumulators need their ranges before the scan starts, hence look-backs rather than "all cohorts".
/// </summary>
public sealed class RetentionJobOptions : IValidatableObject
{
    public const string SectionName = "Retention:Job";

    /// <summary>Daily cohorts of the last N days up to the as-of day (bounded by RetentionOptions.MaxCohortDays).</summary>
    public int DailyCohortDays { get; set; } = 730;

    /// <summary>Monthly cohorts of the last N calendar months, the as-of month included.</summary>
    public int CohortMonths { get; set; } = 36;

    /// <summary>DAU/WAU/MAU rows for the last N days up to the as-of day.</summary>
    public int ActivityDays { get; set; } = 365;

    /// <summary>Most as-of days one backfill may cover.</summary>
    public int MaxBackfillDays { get; set; } = 366;

    /// <summary>
    /// Whether each run ends with the daily lifecycle job for its last as-of day (models, member lists, lifecycle reports;
    /// settings in <c>Lifecycle:Job</c>).
    /// </summary>
    public bool Lifecycle { get; set; } = true;

    /// <summary>
    /// Whether each run ends with the daily outcome job for its last as-of day (the list outcome report of the newest
    /// serving day whose attribution windows have closed; settings in <c>Longview:Outcomes</c>).
    /// </summary>
    public bool Outcomes { get; set; } = true;

    /// <summary>
    /// Whether each run enrols the audiences of the running campaigns (<c>Longview:Campaigns</c>) after the lifecycle
    /// job, so members enter daily without a scheduler calling <c>POST /api/campaigns/{id}/enrolments</c>.
    /// </summary>
    public bool Campaigns { get; set; } = true;

    /// <summary>Retries of one as-of day (idempotent: a re-run overwrites the same reports) before the run fails.</summary>
    public StepRetry DayRetry { get; set; } = new();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (DailyCohortDays is < 1 or > 36_600)
        {
            problems.Add($"DailyCohortDays: {DailyCohortDays} is outside 1..36600");
        }
        if (CohortMonths is < 1 or > 1_200)
        {
            problems.Add($"CohortMonths: {CohortMonths} is outside 1..1200");
        }
        if (ActivityDays is < 1 or > 36_600)
        {
            problems.Add($"ActivityDays: {ActivityDays} is outside 1..36600");
        }
        if (MaxBackfillDays is < 1 or > 36_600)
        {
            problems.Add($"MaxBackfillDays: {MaxBackfillDays} is outside 1..36600");
        }
        if (DayRetry.Problem("DayRetry") is { } retry)
        {
            problems.Add(retry);
        }
        return problems;
    }

    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid retention job options: " + string.Join("; ", problems));
        }
    }

    // Settings validation (SettingsValidator): each problem starts with the setting's name within the section.
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Validate().Select(problem => new ValidationResult(problem));
}
