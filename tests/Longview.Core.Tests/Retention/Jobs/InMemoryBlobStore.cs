using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Longview.Core.Ports;

namespace Longview.Core.Tests.Retention.Jobs;

/// <summary>Blobs in memory with ETag conditions (an ETag is the write's sequence number).</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, string> _etags = new(StringComparer.Ordinal);
    private long _writes;

    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public string Text(string container, string name) => System.Text.Encoding.UTF8.GetString(Blobs[$"{container}/{name}"]);

    public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Blobs.TryGetValue($"{container}/{name}", out var b) ? new BlobContent(b, _etags[$"{container}/{name}"]) : null);

    public Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var key = $"{container}/{name}";
        lock (Blobs)
        {
            var exists = _etags.TryGetValue(key, out var current);
            if ((condition == BlobCondition.IfNoneExists && exists) || (condition == BlobCondition.IfMatch && (!exists || current != etag)))
            {
                return Task.FromResult<string?>(null);
            }
            Blobs[key] = content.ToArray();
            return Task.FromResult<string?>(_etags[key] = $"e{Interlocked.Increment(ref _writes)}");
        }
    }

    public async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return (await PutAsync(container, name, copy.ToArray(), cancellationToken: cancellationToken))!;
    }

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Blobs.TryGetValue($"{container}/{name}", out var b) ? new MemoryStream(b, writable: false) : null);

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var key in Blobs.Keys.Where(k => k.StartsWith($"{container}/{prefix}", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return key[(container.Length + 1)..];
        }
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Blobs.TryRemove($"{container}/{name}", out _));
}
