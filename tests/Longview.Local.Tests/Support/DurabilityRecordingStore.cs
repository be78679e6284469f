using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Local.Tests.Support;

/// <summary>A profile store that notes what each write call promised (<see cref="WriteDurability"/>) and passes everything on.</summary>
internal sealed class DurabilityRecordingStore(IProfileStore inner) : IProfileStore
{
    private readonly Lock _gate = new();
    private readonly List<WriteDurability> _writes = [];

    public IReadOnlyList<WriteDurability> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) =>
        WriteManyAsync(writes, WriteDurability.Durable, cancellationToken);

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, WriteDurability durability, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _writes.Add(durability);
        }
        return inner.WriteManyAsync(writes, durability, cancellationToken);
    }

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => inner.GetAsync(userId, cancellationToken);

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        inner.GetManyAsync(userIds, cancellationToken);

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => inner.DeleteAsync(userId, cancellationToken);

    public Task RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default) => inner.RecordErasureAsync(erasure, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
        inner.GetErasuresAsync(userIdHashes, cancellationToken);

    public IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default) => inner.ScanAsync(cancellationToken);
}
