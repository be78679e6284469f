namespace Longview.Core.Training.Snapshot;

/// <summary>
/// Writes snapshot blobs from the profile store. A run writes its snapshot in parts, each bounded by its user count
/// (<see cref="WritePartAsync"/>, one gzip member staged per part), then makes the blob appear whole and at once
/// (<see cref="CommitAsync"/>); concatenated gzip members are one valid gzip stream for the training job.
/// </summary>
public interface ITrainingSnapshotWriter
{
    /// <summary>The whole snapshot in one call, with bounded memory (the CLI; no time limit applies there).</summary>
    Task<SnapshotSummary> WriteAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>Stages part <see cref="SnapshotPartRequest.Part"/> of the blob; idempotent for the same request.</summary>
    Task<SnapshotPart> WritePartAsync(string container, string name, SnapshotPartRequest request, CancellationToken cancellationToken);

    /// <summary>Commits the first <paramref name="parts"/> staged parts, in order, as the blob.</summary>
    Task CommitAsync(string container, string name, int parts, CancellationToken cancellationToken);
}
