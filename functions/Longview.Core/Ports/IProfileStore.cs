using Longview.Core.Erasure;
using Longview.Core.Profiles;

namespace Longview.Core.Ports;

/// <summary>A profile as stored, with the opaque concurrency token the store gave it (SQLite version, Cosmos _etag).</summary>
public sealed record StoredProfile(UserProfile Profile, string ETag);

/// <summary>
/// One conditional write: <see cref="ExpectedETag"/> null means "create; fail if it exists",
/// otherwise "replace only if the stored ETag still equals this one" (HTTP 412 semantics).
/// </summary>
public sealed record ProfileWrite(UserProfile Profile, string? ExpectedETag);

public enum WriteStatus { Written, Conflict }

public sealed record WriteResult(string UserId, WriteStatus Status, string? NewETag);

/// <summary>
/// The feature store. Every implementation has the same optimistic-concurrency semantics; the shared
/// contract test suite runs against each of them.
/// </summary>
public interface IProfileStore
{
    Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Reads many profiles; users without a profile are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Applies each write independently (a conflict on one never blocks another); one result per write, same order.</summary>
    Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="WriteManyAsync(IReadOnlyList{ProfileWrite}, CancellationToken)"/> with the same semantics, promising only
    /// <paramref name="durability"/>. The default writes durably (Cosmos commits every write before it answers).
    /// </summary>
    Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, WriteDurability durability, CancellationToken cancellationToken = default) =>
        WriteManyAsync(writes, cancellationToken);

    /// <summary>Removes the profile; false when there was none.</summary>
    Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the erasure record of one user (their <see cref="Privacy.UserIdHash"/>, never the id, and the erasure time),
    /// the later time when the user was erased before. <see cref="Erasure.UserErasure"/> records it before it deletes the
    /// profile, and ingestion reads it before it starts a profile, so nothing computed before an erasure can re-create it.
    /// </summary>
    Task RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default);

    /// <summary>The latest erasure time per user id hash; hashes never erased are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default);

    /// <summary>Streams every profile (order unspecified) with bounded memory: snapshots and retention jobs read through this.</summary>
    IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="maxProfiles"/> profiles of a resumable scan, starting where <paramref name="continuation"/>
    /// (null: the start) left off; the pages of one scan cover every profile present throughout it exactly once. Work
    /// that must stay inside a time limit (a snapshot activity) reads one page per call. The default serves test
    /// doubles only: it skips through <see cref="ScanAsync"/> (O(n²) over a whole scan) and assumes a stable order;
    /// the real stores page with a key (SQLite) or the query's own continuation token (Cosmos).
    /// </summary>
    async Task<ProfilePage> ScanPageAsync(string? continuation, int maxProfiles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxProfiles, 1);
        var skip = continuation is null ? 0L : long.Parse(continuation, System.Globalization.CultureInfo.InvariantCulture);
        var page = new List<UserProfile>();
        long seen = 0;
        var more = false;
        await foreach (var profile in ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            if (seen++ < skip)
            {
                continue;
            }
            if (page.Count == maxProfiles)
            {
                more = true;
                break;
            }
            page.Add(profile);
        }
        return new ProfilePage(page, more ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
