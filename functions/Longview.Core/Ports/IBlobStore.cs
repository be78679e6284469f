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

    /// <summary>
    /// Stages one block of a blob built from parts (a snapshot written by several bounded activities); nothing is
    /// visible under <paramref name="name"/> until <see cref="CommitBlocksAsync"/>. Staging the same block id again
    /// replaces it, so a re-executed part is idempotent. Block ids of one blob must all have the same length.
    /// The default (test doubles) stages each block as a blob <c>{name}.blocks/{blockId}</c>.
    /// </summary>
    async Task StageBlockAsync(string container, string name, string blockId, Stream content, CancellationToken cancellationToken = default) =>
        await UploadAsync(container, $"{name}.blocks/{blockId}", content, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Makes the blob the concatenation of the staged blocks, in this order, at once: readers see the old blob (or none)
    /// until the commit, then the whole new one. Staged blocks are consumed. Returns the new ETag.
    /// </summary>
    async Task<string> CommitBlocksAsync(string container, string name, IReadOnlyList<string> blockIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        var joined = new MemoryStream();
        foreach (var id in blockIds)
        {
            var block = await OpenReadAsync(container, $"{name}.blocks/{id}", cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"blob {container}/{name}: block {id} was never staged");
            await using (block.ConfigureAwait(false))
            {
                await block.CopyToAsync(joined, cancellationToken).ConfigureAwait(false);
            }
        }
        joined.Position = 0;
        var etag = await UploadAsync(container, name, joined, cancellationToken).ConfigureAwait(false);
        foreach (var id in blockIds)
        {
            await DeleteAsync(container, $"{name}.blocks/{id}", cancellationToken).ConfigureAwait(false);
        }
        return etag;
    }

    IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default);
}
