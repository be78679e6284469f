using System.Net;
using System.Runtime.CompilerServices;
using Longview.Core.Items;
using Longview.Core.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Cosmos;

/// <summary>Catalogue items in the "items" container (pk /itemId, id = itemId); upserts and reads as parallel point operations.</summary>
public sealed class CosmosItemCatalog(
    CosmosContainers containers,
    CosmosRequestCharges charges,
    IOptions<CosmosStoreOptions> options,
    ILogger<CosmosItemCatalog> logger) : IItemCatalog
{
    private readonly CosmosStoreOptions _options = options.Value;

    public async Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            StoreKeys.Require(item.ItemId, "itemId");
        }
        var container = await containers.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "upsert-many", _options.ItemsContainer);
        await Parallel.ForEachAsync(items, Parallelism(cancellationToken), async (item, ct) =>
        {
            using var body = CosmosDocuments.ToStream(item);
            using var response = await container.UpsertItemStreamAsync(body, new PartitionKey(item.ItemId), cancellationToken: ct).ConfigureAwait(false);
            log.Charge(response.Headers.RequestCharge);
            response.EnsureSuccessStatusCode();
        }).ConfigureAwait(false);
        log.Complete(items.Count, LogLevel.Information);
    }

    public async Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var container = await containers.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "read-many", _options.ItemsContainer);
        var ids = itemIds.Where(StoreKeys.IsValid).Distinct(StringComparer.Ordinal).ToArray();
        var found = new CatalogItem?[ids.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), Parallelism(cancellationToken), async (i, ct) =>
        {
            using var response = await container.ReadItemStreamAsync(CosmosIds.ToDocumentId(ids[i]), new PartitionKey(ids[i]), cancellationToken: ct).ConfigureAwait(false);
            log.Charge(response.Headers.RequestCharge);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            response.EnsureSuccessStatusCode();
            found[i] = await CosmosDocuments.ReadAsync<CatalogItem>(response.Content, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var result = new Dictionary<string, CatalogItem>(ids.Length, StringComparer.Ordinal);
        foreach (var item in found)
        {
            if (item is not null)
            {
                result[item.ItemId] = item;
            }
        }
        log.Complete(result.Count);
        return result;
    }

    public async IAsyncEnumerable<CatalogItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = await containers.ItemsAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in CosmosScan.ReadAllAsync<CatalogItem>(container, _options.ScanPageSize, logger, charges, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var container = await containers.ItemsAsync(cancellationToken).ConfigureAwait(false);
        return await CosmosScan.CountAsync(container, logger, charges, cancellationToken).ConfigureAwait(false);
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _options.MaxParallelOperations, CancellationToken = cancellationToken };
}
