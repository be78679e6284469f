using Longview.Core.Items;
using Longview.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Semantics;

/// <summary>What one embedding pass did: items looked at, items encoded now, items whose embedding was already current.</summary>
public sealed record EmbedReport(int Items, int Encoded, int Current)
{
    public EmbedReport Add(EmbedReport other) => new(Items + other.Items, Encoded + other.Encoded, Current + other.Current);
}

/// <summary>
/// Encodes item text in batches and stores the embeddings. Invariant: after a pass, every item it was given has an
/// embedding of this encoder for exactly the text it was given (<see cref="ItemText.Hash"/>); items whose embedding is
/// already current are not encoded again. It never touches the catalogue's item records, so an edit racing an encode
/// can only leave a stale embedding (ignored by its hash, replaced by the edit's own pass), never lose the edit.
/// </summary>
public sealed partial class ItemEmbedder(
    ITextEncoder encoder,
    IItemEmbeddingStore store,
    IItemCatalog catalog,
    TimeProvider time,
    IOptions<SemanticOptions> options,
    ILogger<ItemEmbedder> logger)
{
    /// <summary>Items read from the catalogue per pass of <see cref="EmbedCatalogueAsync"/>.</summary>
    public const int CataloguePage = 256;

    public string Encoder => encoder.Id;

    /// <summary>Encodes those of <paramref name="items"/> (the last of each id) without a current embedding; reports items done.</summary>
    public async Task<EmbedReport> EmbedAsync(IReadOnlyList<CatalogItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var latest = new Dictionary<string, (CatalogItem Item, string Text, string Hash)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var text = ItemText.Compose(item);
            latest[item.ItemId] = (item, text, ItemText.Hash(text));
        }
        if (latest.Count == 0)
        {
            return new EmbedReport(0, 0, 0);
        }
        var stored = await store.GetManyAsync(encoder.Id, latest.Keys, cancellationToken).ConfigureAwait(false);
        var stale = latest.Values.Where(x => !stored.TryGetValue(x.Item.ItemId, out var e) || !e.IsCurrent(encoder.Id, x.Hash)).ToList();
        progress?.Report(latest.Count - stale.Count);
        foreach (var batch in stale.Chunk(options.Value.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vectors = encoder.Encode(batch.Select(x => x.Text).ToArray(), cancellationToken);
            if (vectors.Length != batch.Length || vectors.Any(v => v.Length != encoder.Dimensions || !v.All(float.IsFinite)))
            {
                throw new InvalidOperationException(
                    $"encoder {encoder.Id} returned {vectors.Length} vectors for {batch.Length} texts, or a vector that is not {encoder.Dimensions} finite values");
            }
            var now = time.GetUtcNow();
            var embeddings = batch.Select((x, i) => new ItemEmbedding(x.Item.ItemId, encoder.Id, x.Hash, vectors[i], now)).ToList();
            await store.UpsertManyAsync(embeddings, cancellationToken).ConfigureAwait(false);
            progress?.Report(batch.Length);
        }
        var report = new EmbedReport(latest.Count, stale.Count, latest.Count - stale.Count);
        if (report.Encoded > 0)
        {
            LogEncoded(report.Encoded, report.Items, encoder.Id);
        }
        return report;
    }

    /// <summary>Every catalogue item, a page at a time: the backfill after an import and the periodic sweep.</summary>
    public async Task<EmbedReport> EmbedCatalogueAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = new EmbedReport(0, 0, 0);
        var page = new List<CatalogItem>(CataloguePage);
        await foreach (var item in catalog.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(item);
            if (page.Count == CataloguePage)
            {
                total = total.Add(await EmbedAsync(page, progress, cancellationToken).ConfigureAwait(false));
                page.Clear();
            }
        }
        return total.Add(await EmbedAsync(page, progress, cancellationToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoded {Encoded} of {Items} items with {Encoder}")]
    private partial void LogEncoded(int encoded, int items, string encoder);
}
