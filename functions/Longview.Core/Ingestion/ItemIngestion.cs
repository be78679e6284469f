using Longview.Core.Batches;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Microsoft.Extensions.Logging;

namespace Longview.Core.Ingestion;

/// <summary>What happened to an item batch.</summary>
public sealed record ItemReport(int Accepted, IReadOnlyList<ItemError> Rejected);

/// <summary>The report of an item batch, or why the body as a whole was refused.</summary>
public sealed record ItemIngestResult(ItemReport? Report, BatchFailure? Failure);

/// <summary>Catalogue ingestion behind <c>POST /api/items</c> and imports: parse, validate, upsert the valid items.</summary>
public sealed partial class ItemIngestion(ItemBatchReader reader, IItemCatalog catalog, ILogger<ItemIngestion> logger, IItemTextObserver? textObserver = null, TimeProvider? time = null)
{
    public async Task<ItemIngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var read = reader.Read(body);
        if (read.Failure is not null)
        {
            return new ItemIngestResult(null, read.Failure);
        }

        var items = await DatedAsync(read.Values.Select(v => v.Value).ToList(), cancellationToken);
        await UpsertValidAsync(items, cancellationToken);
        LogBatch(items.Count, read.Errors.Count);
        return new ItemIngestResult(new ItemReport(items.Count, read.Errors), null);
    }

    /// <summary>
    /// Upserts items built in code (imports) after validating them with the same rules as the body path (an error's
    /// index is the position in <paramref name="items"/>); a later item with the same id replaces an earlier one.
    /// </summary>
    public async Task<ItemReport> UpsertAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        var valid = new List<CatalogItem>(items.Count);
        var rejected = new List<ItemError>();
        for (var i = 0; i < items.Count; i++)
        {
            var (item, error) = reader.Normalize(items[i], i);
            if (error is not null)
            {
                rejected.Add(error);
            }
            else
            {
                valid.Add(item!);
            }
        }

        await UpsertValidAsync(valid, cancellationToken);
        LogBatch(valid.Count, rejected.Count);
        return new ItemReport(valid.Count, rejected);
    }

    /// <summary>
    /// A posted item without <c>createdAt</c> is new from the moment the catalogue first sees it (so it takes the new-item
    /// slots at once); one already stored keeps its stored date, so an edit neither makes an old item new nor erases its
    /// date. Imports (<see cref="UpsertAsync"/>) are not dated: a data set's items are not new because they were loaded today.
    /// </summary>
    private async Task<List<CatalogItem>> DatedAsync(List<CatalogItem> items, CancellationToken cancellationToken)
    {
        if (time is null)
        {
            return items;
        }
        var undated = items.Where(i => i.CreatedAt is null).Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        if (undated.Count == 0)
        {
            return items;
        }
        var stored = await catalog.GetManyAsync(undated, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. items.Select(i => i.CreatedAt is not null ? i : i with { CreatedAt = stored.TryGetValue(i.ItemId, out var known) ? known.CreatedAt : now })];
    }

    private async Task UpsertValidAsync(List<CatalogItem> items, CancellationToken cancellationToken)
    {
        var lastById = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            lastById[item.ItemId] = item;
        }

        if (lastById.Count == 0)
        {
            return;
        }
        List<CatalogItem> stored = [.. lastById.Values];
        await catalog.UpsertManyAsync(stored, cancellationToken).ConfigureAwait(false);
        // After the write: the encoder reads the text as stored.
        textObserver?.OnStored(stored);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested item batch: {Accepted} accepted, {Rejected} rejected")]
    private partial void LogBatch(int accepted, int rejected);
}
