namespace Longview.Core.Training.Snapshot;

/// <summary>
/// One line of <c>snapshot.ndjson.gz</c>, the training job's input (format fixed with the job): the profile's recent
/// sequence oldest first with Unix-second timestamps, active days as UTC day numbers since 1970-01-01, lifetime counts.
/// </summary>
public sealed record SnapshotRecord(
    string UserId,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyList<SnapshotEvent> Events,
    IReadOnlyList<int> ActiveDays,
    IReadOnlyDictionary<string, long> Counts);

public sealed record SnapshotEvent(string ItemId, long Ts, string Type, double? Value);
