using Longview.Core.Training.Promotion;
using Longview.Core.Training.Snapshot;

namespace Longview.Core.Training.Runs;

/// <summary>
/// The record of one pipeline run, saved after every step (<c>training/{runId}/run.json</c>) and answered by
/// <c>GET /api/training/runs/{runId}</c>: steps with times, metrics of both models, the decision and its reason.
/// </summary>
public sealed class TrainingRunRecord
{
    public required string RunId { get; init; }

    /// <summary>What started the run: "api", "schedule", "first-model".</summary>
    public required string Trigger { get; init; }

    /// <summary>Job flags for this run instead of the configured ones (the quick first model uses few epochs).</summary>
    public List<string>? JobArguments { get; init; }

    public TrainingRunStatus Status { get; set; } = TrainingRunStatus.Queued;

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public List<TrainingStepRecord> Steps { get; set; } = [];

    public SnapshotSummary? Snapshot { get; set; }

    public string? ExecutionId { get; set; }

    public string? CandidateVersion { get; set; }

    public ModelMetrics? CandidateMetrics { get; set; }

    public string? ChampionVersion { get; set; }

    public ModelMetrics? ChampionMetrics { get; set; }

    /// <summary>How the champion's metrics were obtained (same holdout, or recorded at its promotion).</summary>
    public string? ChampionMetricsSource { get; set; }

    public PromotionDecision? Decision { get; set; }

    /// <summary>Why the run ended as it did (failure cause, or the decision's reason).</summary>
    public string? Reason { get; set; }
}
