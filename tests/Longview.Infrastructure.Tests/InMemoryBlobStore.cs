using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Longview.Core.Ports;

namespace Longview.Infrastructure.Tests;

/// <summary>A test double with IBlobStore's conditional-write semantics (ETags change on every write), for tests that need no emulator.</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<(string Container, string Name), BlobContent> _blobs = new();
    private readonly ConcurrentDictionary<(string Container, string Name), int> _opened = new();
    private long _version;

    public IReadOnlyDictionary<(string Container, string Name), BlobContent> Blobs => _blobs;

    /// <summary>How many times <see cref="OpenReadAsync"/> opened the blob.</summary>
    public int Opened(string container, string name) => _opened.GetValueOrDefault((container, name));

    public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.TryGetValue((container, name), out var blob) ? blob : null);

    public Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var next = new BlobContent(content.ToArray(), $"v{Interlocked.Increment(ref _version)}");
        var key = (container, name);
        var written = condition switch
        {
            BlobCondition.IfNoneExists => _blobs.TryAdd(key, next),
            BlobCondition.IfMatch => _blobs.TryGetValue(key, out var current) && current.ETag == etag && _blobs.TryUpdate(key, next, current),
            _ => (_blobs[key] = next) is not null,
        };
        return Task.FromResult(written ? next.ETag : null);
    }

    public async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return (await PutAsync(container, name, buffer.ToArray(), cancellationToken: cancellationToken))!;
    }

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        _opened.AddOrUpdate((container, name), 1, (_, n) => n + 1);
        return Task.FromResult<Stream?>(_blobs.TryGetValue((container, name), out var blob) ? new MemoryStream(blob.Content.ToArray()) : null);
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var key in _blobs.Keys.Where(k => k.Container == container && k.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            yield return key.Name;
        }
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.TryRemove((container, name), out _));
}

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
