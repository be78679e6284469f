using System.Runtime.CompilerServices;
using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Benchmarks.Lifecycle;

/// <summary>
/// Profiles held in memory and streamed to the job: the benchmark times the lifecycle job's own work (two passes of
/// fitting and scoring, the member lists on a real folder blob store), not a store's reads. Only scanning is served.
/// </summary>
internal sealed class ScannedProfiles(UserProfile[] profiles) : IProfileStore
{
    public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var profile in profiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return profile;
        }
    }

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
