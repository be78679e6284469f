using Longview.Core.Ports;
using Longview.Core.Semantics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Serving.Catalog;

public sealed class CatalogSnapshotOptions
{
    /// <summary>How old a snapshot may get before a request triggers a background rebuild.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound on items held in memory; a larger catalogue is truncated with a warning.</summary>
    public int MaxItems { get; set; } = 2_000_000;
}

/// <summary>
/// Keeps a <see cref="CatalogSnapshot"/> fresh. Only the very first request waits for a scan; later requests get the
/// current snapshot while at most one rebuild runs behind them. With an embedding store and an encoder it also loads
/// the items' text embeddings of that encoder (for new items scored from their text).
/// </summary>
public sealed class CatalogSnapshotCache(
    IItemCatalog catalog,
    TimeProvider time,
    IOptions<CatalogSnapshotOptions> options,
    ILogger<CatalogSnapshotCache> logger,
    IItemEmbeddingStore? embeddings = null,
    ITextEncoder? encoder = null)
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Entry? _entry;

    private sealed record Entry(CatalogSnapshot Snapshot, DateTimeOffset BuiltAt);

    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var entry = _entry;
        if (entry is null)
        {
            return await RebuildAsync(force: false, cancellationToken).ConfigureAwait(false);
        }
        if (time.GetUtcNow() - entry.BuiltAt >= options.Value.RefreshInterval && _rebuild.CurrentCount > 0)
        {
            _ = Task.Run(() => RebuildAsync(force: false, CancellationToken.None), CancellationToken.None);
        }
        return entry.Snapshot;
    }

    /// <summary>Call after items were written so the next request sees them.</summary>
    public Task InvalidateAsync(CancellationToken cancellationToken) => RebuildAsync(force: true, cancellationToken);

    private async Task<CatalogSnapshot> RebuildAsync(bool force, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _entry;
            if (!force && current is not null && time.GetUtcNow() - current.BuiltAt < options.Value.RefreshInterval)
            {
                return current.Snapshot;
            }
            var items = new List<Longview.Core.Items.CatalogItem>();
            await foreach (var item in catalog.ScanAsync(cancellationToken).ConfigureAwait(false))
            {
                if (items.Count >= options.Value.MaxItems)
                {
                    logger.LogWarning("Catalogue snapshot truncated at {MaxItems} items", options.Value.MaxItems);
                    break;
                }
                items.Add(item);
            }
            Dictionary<string, ItemEmbedding>? vectors = null;
            if (embeddings is not null && encoder is not null)
            {
                vectors = new Dictionary<string, ItemEmbedding>(StringComparer.Ordinal);
                await foreach (var embedding in embeddings.ScanAsync(encoder.Id, cancellationToken).ConfigureAwait(false))
                {
                    if (vectors.Count >= options.Value.MaxItems)
                    {
                        break;
                    }
                    vectors[embedding.ItemId] = embedding;
                }
            }
            var snapshot = new CatalogSnapshot(items, encoder?.Id, vectors);
            _entry = new Entry(snapshot, time.GetUtcNow());
            return snapshot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _entry is not null)
        {
            logger.LogWarning(ex, "Catalogue snapshot rebuild failed; serving the previous one");
            return _entry.Snapshot;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}
