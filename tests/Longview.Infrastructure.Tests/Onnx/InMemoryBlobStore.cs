using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Longview.Core.Ports;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>A minimal IBlobStore for provider tests: ETags change on every write, as in Blob storage.</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<(string, string), BlobContent> _blobs = new();
    private long _version;

    public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.TryGetValue((container, name), out var blob) ? blob : null);

    public Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var newETag = $"\"{Interlocked.Increment(ref _version)}\"";
        _blobs[(container, name)] = new BlobContent(content.ToArray(), newETag);
        return Task.FromResult<string?>(newETag);
    }

    public async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return (await PutAsync(container, name, buffer.ToArray(), cancellationToken: cancellationToken))!;
    }

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(_blobs.TryGetValue((container, name), out var blob) ? new MemoryStream(blob.Content.ToArray()) : null);

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var (c, name) in _blobs.Keys)
        {
            if (c == container && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return name;
            }
        }
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.TryRemove((container, name), out _));
}
