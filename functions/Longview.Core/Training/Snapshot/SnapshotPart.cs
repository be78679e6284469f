namespace Longview.Core.Training.Snapshot;

/// <summary>What one snapshot part holds, and where the next part starts (<see cref="Continuation"/> null: this was the last).</summary>
public sealed record SnapshotPart(long Users, long Events, string? Continuation);
