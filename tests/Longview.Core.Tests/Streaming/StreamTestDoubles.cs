using System.Collections.Concurrent;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Resilience;

namespace Longview.Core.Tests.Streaming;

/// <summary>A profile store in memory with the port's ETag semantics; <see cref="FailNextCalls"/> makes calls throw first.</summary>
internal sealed class FlakyProfileStore : IProfileStore
{
    private readonly ConcurrentDictionary<string, StoredProfile> _profiles = new(StringComparer.Ordinal);
    private int _version;
    private int _failuresLeft;

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Like a store whose ids cannot hold some characters: a write batch with such a user id throws as a whole.</summary>
    public char? RefusedIdCharacter { get; set; }

    /// <summary>Every write throws <see cref="InvalidOperationException"/> (a permanent, systemic failure).</summary>
    public bool RefuseAllWrites { get; set; }

    /// <summary>The next <paramref name="count"/> reads or writes throw <see cref="TimeoutException"/> (a transient failure).</summary>
    public void FailNextCalls(int count) => _failuresLeft = count;

    /// <summary>Called with the number of failures so far, before each injected failure (tests cancel from it).</summary>
    public Action<int>? OnFailure { get; set; }

    private int _failures;

    public IReadOnlyDictionary<string, StoredProfile> Profiles => _profiles;

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_profiles.GetValueOrDefault(userId));

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        FailIfAsked();
        Reads++;
        IReadOnlyDictionary<string, StoredProfile> found = userIds
            .Where(_profiles.ContainsKey)
            .ToDictionary(id => id, id => Copy(_profiles[id]), StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default)
    {
        FailIfAsked();
        Writes++;
        if (RefuseAllWrites)
        {
            throw new InvalidOperationException("access revoked");
        }
        if (RefusedIdCharacter is { } refused && writes.FirstOrDefault(w => w.Profile.UserId.Contains(refused, StringComparison.Ordinal)) is { } bad)
        {
            throw new ArgumentException($"userId '{bad.Profile.UserId}' contains '{refused}'", "userId");
        }
        var results = new List<WriteResult>(writes.Count);
        foreach (var write in writes)
        {
            var userId = write.Profile.UserId;
            var current = _profiles.GetValueOrDefault(userId);
            if (current?.ETag != write.ExpectedETag)
            {
                results.Add(new WriteResult(userId, WriteStatus.Conflict, null));
                continue;
            }
            var etag = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _profiles[userId] = new StoredProfile(Copy(write.Profile), etag);
            results.Add(new WriteResult(userId, WriteStatus.Written, etag));
        }
        return Task.FromResult<IReadOnlyList<WriteResult>>(results);
    }

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_profiles.TryRemove(userId, out _));

    private readonly ConcurrentDictionary<string, DateTimeOffset> _erasures = new(StringComparer.Ordinal);

    public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default)
    {
        _erasures[erasure.UserIdHash] = erasure.ErasedAt;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(
            userIdHashes.Where(_erasures.ContainsKey).ToDictionary(h => h, h => _erasures[h], StringComparer.Ordinal));

    public async IAsyncEnumerable<UserProfile> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var stored in _profiles.Values)
        {
            yield return stored.Profile;
        }
        await Task.CompletedTask;
    }

    private void FailIfAsked()
    {
        if (_failuresLeft > 0)
        {
            _failuresLeft--;
            OnFailure?.Invoke(++_failures);
            throw new TimeoutException("store timed out");
        }
    }

    // Round-trips through JSON so the ingestion cannot mutate what the store holds (as with a real store).
    private static StoredProfile Copy(StoredProfile stored) => new(Copy(stored.Profile), stored.ETag);

    private static UserProfile Copy(UserProfile profile) =>
        System.Text.Json.JsonSerializer.Deserialize<UserProfile>(
            System.Text.Json.JsonSerializer.Serialize(profile, Longview.Core.Serialization.LongviewJson.Options), Longview.Core.Serialization.LongviewJson.Options)!;
}

internal sealed class NoItems : IItemCatalog
{
    public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, CatalogItem>>(new Dictionary<string, CatalogItem>());

    public async IAsyncEnumerable<CatalogItem> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);
}

/// <summary>Keeps letters like the real sink: the first copy of a (batch, index) wins.</summary>
internal sealed class RecordingDeadLetterSink : IDeadLetterSink
{
    private readonly Dictionary<(string, int), DeadLetter> _letters = [];

    private int _failuresLeft;
    private int _failures;

    public bool AlwaysFail { get; set; }

    /// <summary>Called with the number of failures so far, before each injected failure (tests cancel from it).</summary>
    public Action<int>? OnFailure { get; set; }

    /// <summary>The next <paramref name="count"/> writes throw <see cref="TimeoutException"/> (a transient failure).</summary>
    public void FailNextWrites(int count) => _failuresLeft = count;

    public IReadOnlyList<DeadLetter> Letters => [.. _letters.Values.OrderBy(l => l.BatchId, StringComparer.Ordinal).ThenBy(l => l.Index)];

    public Task<int> WriteAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default)
    {
        if (AlwaysFail || _failuresLeft > 0)
        {
            _failuresLeft--;
            OnFailure?.Invoke(++_failures);
            throw new TimeoutException("blob storage unavailable");
        }
        var written = letters.Count(letter => _letters.TryAdd((letter.BatchId, letter.Index), letter));
        return Task.FromResult(written);
    }
}

internal sealed class TimeoutsAreTransient : ITransientFailureClassifier
{
    public bool IsTransient(Exception exception, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        return exception is TimeoutException;
    }
}
