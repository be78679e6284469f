using Longview.Core.Training.Promotion;
using Longview.Core.Workflows;

namespace Longview.Core.Training;

/// <summary>
/// The settings one pipeline run uses, captured from <see cref="TrainingPipelineOptions"/> once, when the run is
/// queued, and carried in the workflow's input: a settings change while a run is in progress (or replayed) cannot change
/// its path. The job arguments are already resolved (the run's own, else the configured ones).
/// </summary>
public sealed record TrainingRunSettings(
    string TrainingContainer,
    TimeSpan PollInterval,
    TimeSpan Timeout,
    IReadOnlyList<string> JobArguments,
    IReadOnlyDictionary<string, string> JobEnvironment,
    PromotionPolicyOptions Promotion,
    StepRetry StepRetry,
    // Defaults: a run queued before these settings existed replays with the defaults, not 0 (which the steps refuse).
    int EvaluationSliceUsers = 20_000,
    int SnapshotPartUsers = 50_000)
{
    public static TrainingRunSettings Capture(TrainingPipelineOptions options, IReadOnlyList<string>? runJobArguments)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrainingRunSettings(
            options.TrainingContainer,
            options.PollInterval,
            options.Timeout,
            [.. runJobArguments ?? options.JobArguments],
            new Dictionary<string, string>(options.JobEnvironment, StringComparer.Ordinal),
            options.Promotion.Copy(),
            options.StepRetry.Copy(),
            options.EvaluationSliceUsers,
            options.SnapshotPartUsers);
    }
}
