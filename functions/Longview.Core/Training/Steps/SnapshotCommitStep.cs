using Longview.Core.Training.Snapshot;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Steps;

/// <summary>Makes the staged parts the run's snapshot blob, whole and at once (idempotent: the same parts again).</summary>
public sealed class SnapshotCommitStep(ITrainingSnapshotWriter writer, IOptions<TrainingPipelineOptions> options) : IWorkflowStep<SnapshotCommitRequest, SnapshotSummary>
{
    public string Name => TrainingSteps.SnapshotCommit;

    public async Task<SnapshotSummary> RunAsync(SnapshotCommitRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var container = options.Value.TrainingContainer;
        var name = SnapshotPartStep.BlobName(input.RunId);
        await writer.CommitAsync(container, name, input.Parts, cancellationToken).ConfigureAwait(false);
        return new SnapshotSummary(container, name, input.Users, input.Events);
    }
}
