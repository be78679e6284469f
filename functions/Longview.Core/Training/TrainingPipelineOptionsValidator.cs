using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training;

/// <summary>The cross-field rules of <see cref="TrainingPipelineOptions"/>; each message names the setting.</summary>
public sealed class TrainingPipelineOptionsValidator : IValidateOptions<TrainingPipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainingPipelineOptions options)
    {
        var section = TrainingPipelineOptions.SectionName;
        var problems = new List<string>();
        if (!CronSchedule.TryParse(options.Schedule, out _, out var cron))
        {
            problems.Add($"{section}:Schedule {cron}");
        }
        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:PollInterval must be positive (got {options.PollInterval})");
        }
        if (options.Timeout <= options.PollInterval)
        {
            problems.Add($"{section}:Timeout ({options.Timeout}) must be longer than PollInterval ({options.PollInterval})");
        }
        if (options.RunLease <= options.Timeout)
        {
            problems.Add($"{section}:RunLease ({options.RunLease}) must be longer than Timeout ({options.Timeout}): a run in time would be abandoned");
        }
        if (options.EvaluationSliceUsers < 1)
        {
            problems.Add($"{section}:EvaluationSliceUsers must be at least 1 (got {options.EvaluationSliceUsers})");
        }
        if (options.SnapshotPartUsers < 1)
        {
            problems.Add($"{section}:SnapshotPartUsers must be at least 1 (got {options.SnapshotPartUsers})");
        }
        problems.AddRange(options.Promotion.Problems($"{section}:Promotion"));
        if (options.StepRetry.Problem($"{section}:StepRetry") is { } retry)
        {
            problems.Add(retry);
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
