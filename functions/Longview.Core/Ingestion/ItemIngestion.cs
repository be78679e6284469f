using Longview.Core.Batches;
using Longview.Core.Items;
using Longview.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Longview.Core.Ingestion;

/// <summary>What happened to an item batch.</summary>
public sealed record ItemReport(int Accepted, IReadOnlyList<ItemError> Rejected);

/// <summary>The report of an item batch, or why the body as a whole was refused.</summary>
public sealed record ItemIngestResult(ItemReport? Report, BatchFailure? Failure);

/// <summary>Catalogue ingestion behind <c>POST /api/items</c> and imports: parse, validate, upsert the valid items.</summary>
public sealed partial class ItemIngestion(ItemBatchReader reader, IItemCatalog catalog, ILogger<ItemIngestion> logger)
{
    public async Task<ItemIngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var read = reader.Read(body);
        if (read.Failure is not null)
        {
            return new ItemIngestResult(null, read.Failure);
        }

        var items = read.Values.Select(v => v.Value).ToList();
        await UpsertAsync(items, cancellationToken);
        LogBatch(items.Count, read.Errors.Count);
        return new ItemIngestResult(new ItemReport(items.Count, read.Errors), null);
    }

    /// <summary>Upserts already-built items (imports); a later item with the same id replaces an earlier one.</summary>
    public Task UpsertAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        var lastById = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            lastById[item.ItemId] = item;
        }

        return lastById.Count == 0 ? Task.CompletedTask : catalog.UpsertManyAsync([.. lastById.Values], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested item batch: {Accepted} accepted, {Rejected} rejected")]
    private partial void LogBatch(int accepted, int rejected);
}
