using Longview.Core.Training.Runs;

namespace Longview.Api;

/// <summary>A training run in a list: what started it, where it stands, what it produced, and the link to its full record (steps, metrics).</summary>
public sealed record TrainingRunSummary(
    string RunId,
    string Trigger,
    TrainingRunStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? CandidateVersion,
    string? Reason,
    string Href)
{
    public static TrainingRunSummary From(TrainingRunRecord run, string pathBase) =>
        new(run.RunId, run.Trigger, run.Status, run.RequestedAt, run.StartedAt, run.EndedAt, run.CandidateVersion, run.Reason,
            $"{pathBase}/api/training/runs/{run.RunId}");
}
