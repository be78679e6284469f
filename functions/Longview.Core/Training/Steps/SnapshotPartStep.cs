using Longview.Core.Training.Snapshot;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Steps;

/// <summary>
/// Stages one part of <c>training/{runId}/snapshot.ndjson.gz</c>: at most <see cref="SnapshotPartRequest.MaxUsers"/>
/// users, so no call outlives an activity's time limit however many users the store holds.
/// </summary>
public sealed class SnapshotPartStep(ITrainingSnapshotWriter writer, IOptions<TrainingPipelineOptions> options) : IWorkflowStep<SnapshotPartRequest, SnapshotPart>
{
    public const string FileName = "snapshot.ndjson.gz";

    public string Name => TrainingSteps.SnapshotPart;

    public Task<SnapshotPart> RunAsync(SnapshotPartRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return writer.WritePartAsync(options.Value.TrainingContainer, BlobName(input.RunId), input, cancellationToken);
    }

    public static string BlobName(string runId) => $"{runId}/{FileName}";
}
