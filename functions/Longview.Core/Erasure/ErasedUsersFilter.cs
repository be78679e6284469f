using Longview.Core.Privacy;

namespace Longview.Core.Erasure;

/// <summary>
/// Drops users erased after some data was captured. A training snapshot or a stored report taken at
/// <c>capturedAt</c> may still hold a user erased later; whoever reads it builds this filter from the erasure log and
/// skips the users it names. Users erased before the capture are not in it (the profile was gone), and a user who came
/// back after an erasure is a new profile that the filter must keep, hence the comparison with the capture time.
/// </summary>
public sealed class ErasedUsersFilter
{
    private readonly HashSet<string> _erasedHashes;
    private readonly UserIdHash _hash;

    private ErasedUsersFilter(HashSet<string> erasedHashes, UserIdHash hash)
    {
        _erasedHashes = erasedHashes;
        _hash = hash;
    }

    public int ErasedCount => _erasedHashes.Count;

    public static async Task<ErasedUsersFilter> LoadAsync(IErasureLog log, UserIdHash hash, DateTimeOffset capturedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(hash);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in log.ListAsync(capturedAt, cancellationToken).ConfigureAwait(false))
        {
            if (record.ErasedAt >= capturedAt)
            {
                erased.Add(record.UserIdHash);
            }
        }
        return new ErasedUsersFilter(erased, hash);
    }

    /// <summary>True when the captured data must not be used for <paramref name="userId"/>.</summary>
    public bool IsErased(string userId) => _erasedHashes.Count > 0 && _erasedHashes.Contains(_hash.Of(userId));
}
