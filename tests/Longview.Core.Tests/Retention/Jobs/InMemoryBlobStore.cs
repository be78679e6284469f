using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Longview.Core.Ports;

namespace Longview.Core.Tests.Retention.Jobs;

/// <summary>Blobs in memory (unconditional writes only: the report writer uses nothing else).</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public string Text(string container, string name) => System.Text.Encoding.UTF8.GetString(Blobs[$"{container}/{name}"]);

    public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Blobs.TryGetValue($"{container}/{name}", out var b) ? new BlobContent(b, "e") : null);

    public Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        Assert.Equal(BlobCondition.None, condition);
        Blobs[$"{container}/{name}"] = content.ToArray();
        return Task.FromResult<string?>("e");
    }

    public Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

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
