using System.Collections.Concurrent;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Fuzzing;

/// <summary>
/// An in-memory profile store that refuses keys the way the SQLite store does (control characters, lone surrogates,
/// with the id in the message): an id that slips past the readers makes ingestion throw here, as it did in production.
/// </summary>
internal sealed class KeyCheckingProfileStore : IProfileStore
{
    private readonly InMemoryProfileStore _inner = new();

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => _inner.GetAsync(Check(userId), cancellationToken);

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in userIds) Check(id);
        return _inner.GetManyAsync(userIds, cancellationToken);
    }

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default)
    {
        foreach (var write in writes) Check(write.Profile.UserId);
        return _inner.WriteManyAsync(writes, cancellationToken);
    }

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => _inner.DeleteAsync(Check(userId), cancellationToken);

    public IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default) => _inner.ScanAsync(cancellationToken);

    public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => _inner.RecordErasureAsync(erasure, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
        _inner.GetErasuresAsync(userIdHashes, cancellationToken);

    private static string Check(string id)
    {
        if (id.Length is 0 or > 255 || id.Any(char.IsControl) || !IsWellFormed(id))
        {
            throw new ArgumentException($"userId: id '{id}' cannot be a storage key.", nameof(id));
        }

        return id;
    }

    private static bool IsWellFormed(string id)
    {
        try
        {
            _ = Strict.GetByteCount(id);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly System.Text.UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

internal sealed class ListDeadLetterSink : IDeadLetterSink
{
    public ConcurrentQueue<DeadLetter> Letters { get; } = new();

    public Task<int> WriteAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default)
    {
        foreach (var letter in letters) Letters.Enqueue(letter);
        return Task.FromResult(letters.Count);
    }
}

internal sealed class NothingIsTransient : ITransientFailureClassifier
{
    public bool IsTransient(Exception exception, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        return false;
    }
}
