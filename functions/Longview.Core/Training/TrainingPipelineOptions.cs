using System.ComponentModel.DataAnnotations;
using Longview.Core.Training.Promotion;
using Longview.Core.Workflows;

namespace Longview.Core.Training;

/// <summary>
/// The training pipeline's settings (section <c>Longview:Training</c>). A run captures the workflow's share of them
/// (<see cref="TrainingRunSettings"/>) when it is queued; the steps read the storage names live.
/// </summary>
public sealed class TrainingPipelineOptions : IValidatableObject
{
    public const string SectionName = "Longview:Training";

    /// <summary>Container of snapshots, job outputs and run records (<c>{runId}/...</c>).</summary>
    public string TrainingContainer { get; set; } = "training";

    /// <summary>Container of the model versions and the pointer (the serving provider reads the same).</summary>
    public string ModelsContainer { get; set; } = "models";

    public string PointerName { get; set; } = "current.json";

    /// <summary>How often the job's status is checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The job is stopped and the run fails when it has not succeeded this long after it started.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// A run still queued or running this long after it was requested is abandoned (marked failed) by the next start,
    /// so a crashed host cannot block training for good. Longer than <see cref="Timeout"/> plus snapshot and evaluation.
    /// </summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Extra job flags for every execution, e.g. <c>--max-minutes 30</c>.</summary>
    public List<string> JobArguments { get; set; } = [];

    public Dictionary<string, string> JobEnvironment { get; set; } = new(StringComparer.Ordinal);

    public PromotionPolicyOptions Promotion { get; set; } = new();

    /// <summary>
    /// Snapshot lines (one user each) scored per <c>TrainingEvaluateChampion</c> activity: the champion's evaluation runs
    /// in slices of this size, each well inside the Functions timeout.
    /// </summary>
    public int EvaluationSliceUsers { get; set; } = 20_000;

    /// <summary>
    /// Profiles read per <c>TrainingSnapshotPart</c> activity: the snapshot is written in parts of at most this many
    /// users (one gzip member each), each well inside the Functions timeout, then committed whole.
    /// </summary>
    public int SnapshotPartUsers { get; set; } = 50_000;

    /// <summary>Retries of the idempotent steps (snapshot, start job, read metrics, evaluate, promote, save the record).</summary>
    public StepRetry StepRetry { get; set; } = new();

    /// <summary>
    /// When the scheduled run starts: one NCRONTAB expression with seconds (<c>sec min hour day month day-of-week</c>,
    /// UTC), the app setting <c>Longview__Training__Schedule</c> that the Functions timer names and the self-hosted
    /// scheduler reads the same way.
    /// </summary>
    public string Schedule { get; set; } = "0 0 3 * * *";

    /// <summary>The rules across fields (SettingsValidator); each problem starts with the setting's name within the section.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!CronSchedule.TryParse(Schedule, out _, out var cron))
        {
            yield return new ValidationResult($"Schedule {cron}");
        }
        if (PollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"PollInterval must be positive (got {PollInterval})");
        }
        if (Timeout <= PollInterval)
        {
            yield return new ValidationResult($"Timeout ({Timeout}) must be longer than PollInterval ({PollInterval})");
        }
        if (RunLease <= Timeout)
        {
            yield return new ValidationResult($"RunLease ({RunLease}) must be longer than Timeout ({Timeout}): a run in time would be abandoned");
        }
        if (EvaluationSliceUsers < 1)
        {
            yield return new ValidationResult($"EvaluationSliceUsers must be at least 1 (got {EvaluationSliceUsers})");
        }
        if (SnapshotPartUsers < 1)
        {
            yield return new ValidationResult($"SnapshotPartUsers must be at least 1 (got {SnapshotPartUsers})");
        }
        foreach (var problem in Promotion.Problems("Promotion"))
        {
            yield return new ValidationResult(problem);
        }
        if (StepRetry.Problem("StepRetry") is { } retry)
        {
            yield return new ValidationResult(retry);
        }
    }
}
