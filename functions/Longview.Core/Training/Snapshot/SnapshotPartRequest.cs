namespace Longview.Core.Training.Snapshot;

/// <summary>
/// One part of a run's snapshot: at most <see cref="MaxUsers"/> profiles read from where <see cref="Continuation"/>
/// (null: the start) left off, written as part number <see cref="Part"/>; <see cref="UsersBefore"/> users are in the
/// earlier parts (the snapshot's user limit spans all of them).
/// </summary>
public sealed record SnapshotPartRequest(string RunId, int Part, string? Continuation, int MaxUsers, long UsersBefore);
