using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Longview.Core.Ports;

namespace Longview.Core.Tests.Training;

/// <summary>
/// <see cref="IBlobStore"/> in memory with real ETag semantics. <see cref="AfterGet"/> runs after a read returns,
/// so a test can slip another writer in between a read and the conditional write that depends on it.
/// </summary>
internal sealed class MemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string ETag)> _blobs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Action<string, string>? AfterGet { get; set; }

    public IReadOnlyCollection<string> Names => _blobs.Keys.Order(StringComparer.Ordinal).ToList();

    public byte[]? Read(string container, string name) => _blobs.TryGetValue(Key(container, name), out var b) ? b.Content : null;

    public string Write(string container, string name, byte[] content)
    {
        lock (_gate)
        {
            var etag = $"\"{++_version}\"";
            _blobs[Key(container, name)] = (content, etag);
            return etag;
        }
    }

    public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        BlobContent? result = _blobs.TryGetValue(Key(container, name), out var b) ? new BlobContent(b.Content.ToArray(), b.ETag) : null;
        AfterGet?.Invoke(container, name);
        return Task.FromResult(result);
    }

    public Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var exists = _blobs.TryGetValue(Key(container, name), out var current);
            if ((condition == BlobCondition.IfNoneExists && exists) || (condition == BlobCondition.IfMatch && (!exists || current.ETag != etag)))
            {
                return Task.FromResult<string?>(null);
            }
            return Task.FromResult<string?>(Write(container, name, content.ToArray()));
        }
    }

    public async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return Write(container, name, buffer.ToArray());
    }

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(_blobs.TryGetValue(Key(container, name), out var b) ? new MemoryStream(b.Content, writable: false) : null);

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var key in Names.Where(k => k.StartsWith(Key(container, prefix), StringComparison.Ordinal)))
        {
            yield return key[(container.Length + 1)..];
        }
        await Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.TryRemove(Key(container, name), out _));

    private static string Key(string container, string name) => container + "/" + name;
}
