namespace Longview.Core.Training.Snapshot;

/// <summary>Streams every profile of the feature store into a snapshot blob with bounded memory.</summary>
public interface ITrainingSnapshotWriter
{
    Task<SnapshotSummary> WriteAsync(string container, string name, CancellationToken cancellationToken);
}
