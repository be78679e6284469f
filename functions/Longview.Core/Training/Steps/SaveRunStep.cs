using Longview.Core.Telemetry;
using Longview.Core.Training.Runs;
using Longview.Core.Workflows;

namespace Longview.Core.Training.Steps;

/// <summary>
/// Stores the run record. The save of an ended run is where its outcome is counted (<c>longview.training.runs</c>,
/// <c>longview.training.duration</c>): a step, not the orchestrator, so a Durable replay does not count it again (a
/// retried save may, which is the at-least-once of every step).
/// </summary>
public sealed class SaveRunStep(ITrainingRunStore store, LongviewMetrics? metrics = null) : IWorkflowStep<TrainingRunRecord, bool>
{
    private readonly LongviewMetrics _metrics = metrics ?? LongviewMetrics.Unscoped;

    public string Name => TrainingSteps.SaveRun;

    public async Task<bool> RunAsync(TrainingRunRecord input, CancellationToken cancellationToken)
    {
        await store.SaveAsync(input, cancellationToken).ConfigureAwait(false);
        if (input is { Status: TrainingRunStatus.Promoted or TrainingRunStatus.Rejected or TrainingRunStatus.Failed, EndedAt: { } ended })
        {
            _metrics.TrainingEnded(input.Status.ToString().ToLowerInvariant(), ended - (input.StartedAt ?? ended));
        }
        return true;
    }
}
