namespace Longview.Core.Training.Snapshot;

/// <summary>Joins a run's <see cref="Parts"/> staged snapshot parts into its snapshot blob; the totals go into the summary.</summary>
public sealed record SnapshotCommitRequest(string RunId, int Parts, long Users, long Events);
