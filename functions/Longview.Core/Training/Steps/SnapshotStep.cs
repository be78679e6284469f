using Longview.Core.Training.Snapshot;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Steps;

/// <summary>Writes <c>training/{runId}/snapshot.ndjson.gz</c> from the profile store. Input: the run id.</summary>
public sealed class SnapshotStep(ITrainingSnapshotWriter writer, IOptions<TrainingPipelineOptions> options) : IWorkflowStep<string, SnapshotSummary>
{
    public const string FileName = "snapshot.ndjson.gz";

    public string Name => TrainingSteps.Snapshot;

    public Task<SnapshotSummary> RunAsync(string runId, CancellationToken cancellationToken) =>
        writer.WriteAsync(options.Value.TrainingContainer, $"{runId}/{FileName}", cancellationToken);
}
