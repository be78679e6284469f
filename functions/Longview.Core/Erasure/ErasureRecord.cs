namespace Longview.Core.Erasure;

/// <summary>
/// One erasure, as kept in the erasure log: the user's <see cref="Privacy.UserIdHash"/> (never the id itself) and when
/// it happened, so that anything built from data read before <see cref="ErasedAt"/> can drop the user.
/// </summary>
public sealed record ErasureRecord(string UserIdHash, DateTimeOffset ErasedAt);
