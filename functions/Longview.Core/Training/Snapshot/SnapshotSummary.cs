namespace Longview.Core.Training.Snapshot;

/// <summary>Where a snapshot was written and what it holds.</summary>
public sealed record SnapshotSummary(string Container, string Name, long Users, long Events);
