using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Support;

/// <summary>
/// <see cref="IProfileStore"/> over JSON strings with versions as ETags, so every read is a fresh copy (as with a
/// real store). <see cref="ConflictsToInject"/> makes the next N writes of a user fail as if another writer had
/// just replaced the profile.
/// </summary>
internal sealed class InMemoryProfileStore : IProfileStore
{
    private readonly ConcurrentDictionary<string, (string Json, long Version)> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ConcurrentDictionary<string, int> ConflictsToInject { get; } = new(StringComparer.Ordinal);

    public int ConflictsReturned;

    /// <summary>Profiles handed out by reads (found or not), to tell a fold on a known profile from a re-read.</summary>
    public int ProfilesRead;

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref ProfilesRead);
        return Task.FromResult(_rows.TryGetValue(userId, out var row) ? ToStored(row) : null);
    }

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        Interlocked.Add(ref ProfilesRead, userIds.Count);
        foreach (var userId in userIds)
        {
            if (_rows.TryGetValue(userId, out var row))
            {
                result[userId] = ToStored(row);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoredProfile>>(result);
    }

    /// <summary>What each write call promised, in order.</summary>
    public List<WriteDurability> WriteDurabilities { get; } = [];

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) =>
        WriteManyAsync(writes, WriteDurability.Durable, cancellationToken);

    public async Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, WriteDurability durability, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            WriteDurabilities.Add(durability);
        }

        if (BeforeNextWrite is { } before)
        {
            BeforeNextWrite = null;
            await before();
        }

        var results = new List<WriteResult>(writes.Count);
        lock (_gate)
        {
            foreach (var write in writes)
            {
                var userId = write.Profile.UserId;
                var exists = _rows.TryGetValue(userId, out var row);
                var injected = ConflictsToInject.TryGetValue(userId, out var left) && left > 0;
                if (injected)
                {
                    ConflictsToInject[userId] = left - 1;
                }

                var matches = write.ExpectedETag is null ? !exists : exists && row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == write.ExpectedETag;
                if (injected || !matches)
                {
                    Interlocked.Increment(ref ConflictsReturned);
                    results.Add(new WriteResult(userId, WriteStatus.Conflict, null));
                    continue;
                }

                var version = exists ? row.Version + 1 : 1;
                _rows[userId] = (JsonSerializer.Serialize(write.Profile, LongviewJson.Options), version);
                results.Add(new WriteResult(userId, WriteStatus.Written, version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return results;
    }

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult(_rows.TryRemove(userId, out _));

    private readonly ConcurrentDictionary<string, DateTimeOffset> _erasures = new(StringComparer.Ordinal);

    /// <summary>Runs once, at the start of the next WriteManyAsync: lets a test put an erasure between a read and the write that follows it.</summary>
    public Func<Task>? BeforeNextWrite { get; set; }

    /// <summary>Erasure records by user id hash.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Erasures => _erasures;

    public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default)
    {
        _erasures.AddOrUpdate(erasure.UserIdHash, erasure.ErasedAt, (_, old) => old >= erasure.ErasedAt ? old : erasure.ErasedAt);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var hash in userIdHashes)
        {
            if (_erasures.TryGetValue(hash, out var at))
            {
                found[hash] = at;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(found);
    }

    public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in _rows.Values)
        {
            await Task.Yield();
            yield return JsonSerializer.Deserialize<UserProfile>(row.Json, LongviewJson.Options)!;
        }
    }

    private static StoredProfile ToStored((string Json, long Version) row) =>
        new(JsonSerializer.Deserialize<UserProfile>(row.Json, LongviewJson.Options)!, row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
