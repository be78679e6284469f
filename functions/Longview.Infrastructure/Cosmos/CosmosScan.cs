using System.Runtime.CompilerServices;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace Longview.Infrastructure.Cosmos;

/// <summary>Streams every document of a container page by page (cross-partition query; one page in memory at a time).</summary>
internal static class CosmosScan
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        Container container, int pageSize, ILogger logger, CosmosRequestCharges charges,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var log = new CosmosCallLog(logger, charges, "scan", container.Id);
        var count = 0;
        using var iterator = container.GetItemQueryIterator<T>(
            new QueryDefinition("SELECT * FROM c"), requestOptions: new QueryRequestOptions { MaxItemCount = pageSize });
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            log.Charge(page.RequestCharge);
            foreach (var document in page)
            {
                count++;
                yield return document;
            }
        }
        log.Complete(count);
    }

    /// <summary>
    /// At most <paramref name="maxItems"/> documents from where <paramref name="continuation"/> left off, and the token
    /// that resumes after them (null at the end). Pages the service answers empty (a partition range with nothing left)
    /// are passed over, so a page is empty only at the end.
    /// </summary>
    public static async Task<(List<T> Items, string? Continuation)> ReadPageAsync<T>(
        Container container, string? continuation, int maxItems, ILogger logger, CosmosRequestCharges charges, CancellationToken cancellationToken)
    {
        var log = new CosmosCallLog(logger, charges, "scan-page", container.Id);
        var items = new List<T>();
        var next = continuation;
        using var iterator = container.GetItemQueryIterator<T>(
            new QueryDefinition("SELECT * FROM c"), continuation, new QueryRequestOptions { MaxItemCount = maxItems });
        while (items.Count == 0 && iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            log.Charge(page.RequestCharge);
            items.AddRange(page);
            next = page.ContinuationToken;
        }
        log.Complete(items.Count);
        return (items, iterator.HasMoreResults ? next : null);
    }

    public static async Task<long> CountAsync(Container container, ILogger logger, CosmosRequestCharges charges, CancellationToken cancellationToken)
    {
        var log = new CosmosCallLog(logger, charges, "count", container.Id);
        long total = 0;
        using var iterator = container.GetItemQueryIterator<long>(new QueryDefinition("SELECT VALUE COUNT(1) FROM c"));
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            log.Charge(page.RequestCharge);
            // Without a query plan that knows the aggregate, each partition range answers its own count: add them up.
            total += page.Sum();
        }
        log.Complete(1);
        return total;
    }
}
