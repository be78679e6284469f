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
