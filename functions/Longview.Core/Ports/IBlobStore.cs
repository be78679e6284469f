namespace Longview.Core.Ports;

public sealed record BlobContent(ReadOnlyMemory<byte> Content, string ETag);

public enum BlobCondition { None, IfNoneExists, IfMatch }

/// <summary>
/// What the product keeps as files: dead letters, models, training snapshots, reports. Azure Blob in
/// production, a folder in self-hosted mode. Conditional writes carry ETag semantics for promotion races.
/// </summary>
public interface IBlobStore
{
    Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The blob's current ETag, or null when absent: how a watcher notices that a file changed (model files rewritten
    /// or restored in place). Stores override it with a cheaper call than reading the content.
    /// </summary>
    async Task<string?> GetETagAsync(string container, string name, CancellationToken cancellationToken = default) =>
        (await GetAsync(container, name, cancellationToken).ConfigureAwait(false))?.ETag;

    /// <summary>
    /// Writes the blob. With <see cref="BlobCondition.IfMatch"/> the write happens only if the current ETag equals
    /// <paramref name="etag"/>; with <see cref="BlobCondition.IfNoneExists"/> only if the blob is absent.
    /// Returns the new ETag, or null when the condition failed.
    /// </summary>
    Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a large blob from a stream (snapshots) without holding it in memory.</summary>
    Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for streaming reads; null when absent.</summary>
    Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default);

    IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default);
}
