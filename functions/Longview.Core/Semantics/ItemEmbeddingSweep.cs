using Longview.Core.Items;
using Longview.Core.Serving.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Semantics;

/// <summary>
/// One pass of the Azure embedding timer: rebuilds the serving catalogue snapshot (one scan of the items and of this
/// encoder's embeddings, what a serving instance under traffic does every minute anyway; it sees items posted or
/// edited on any instance), finds the items without a current embedding in it, encodes up to
/// <see cref="SemanticOptions.MaxItemsPerSweep"/> of them, newest first, through <see cref="ItemEmbedder"/> (which
/// checks the store again, so a stale snapshot never encodes twice), and rebuilds the snapshot when it encoded any.
/// Invariant: every item the snapshot holds gets a current embedding within ⌈missing / MaxItemsPerSweep⌉ passes.
/// Without an encoder (the GPU flavour, or <c>Longview:Semantics:Enabled</c> false) a pass does nothing.
/// </summary>
public sealed partial class ItemEmbeddingSweep(
    CatalogSnapshotCache catalogue,
    IOptions<SemanticOptions> options,
    ILogger<ItemEmbeddingSweep> logger,
    ItemEmbedder? embedder = null)
{
    public async Task<EmbedReport> RunAsync(CancellationToken cancellationToken = default)
    {
        if (embedder is null)
        {
            LogNoEncoder();
            return new EmbedReport(0, 0, 0);
        }
        await catalogue.InvalidateAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await catalogue.GetAsync(cancellationToken).ConfigureAwait(false);
        var missing = Missing(snapshot, embedder.Encoder, options.Value.MaxItemsPerSweep);
        var report = await embedder.EmbedAsync(missing, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (report.Encoded > 0)
        {
            await catalogue.InvalidateAsync(cancellationToken).ConfigureAwait(false);
        }
        return report;
    }

    /// <summary>Items of <paramref name="snapshot"/> without a current embedding of <paramref name="encoder"/>, newest first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<CatalogItem> Missing(CatalogSnapshot snapshot, string encoder, int max)
    {
        // A snapshot of another encoder (or none) says nothing about this one's: every item is a candidate, and the
        // embedder's store lookup keeps those already current.
        var known = snapshot.EmbeddingEncoder == encoder;
        return snapshot.Items
            .Where(i => !known || snapshot.EmbeddingOf(i.ItemId) is null)
            .OrderByDescending(i => i.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No text encoder in this app: item embeddings are not computed")]
    private partial void LogNoEncoder();
}
