using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using Longview.Core.Outcomes;
using Longview.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Outcomes;

/// <summary>
/// The Azure list log: container <c>lists</c>, pk <c>/pk</c> = "yyyy-MM-dd.NN" (serving day and a bucket from the
/// recommendation id), id = the recommendation id; an append is an upsert of the same document (idempotent). A scan
/// runs one single-partition query per (day, bucket) of the range, a page at a time.
/// </summary>
public sealed class CosmosServedListLog(CosmosOutcomeContainers containers, IOptions<OutcomeStoreOptions> options) : IServedListLog
{
    private const int PageSize = 500;

    public async Task AppendAsync(IReadOnlyList<ServedList> lists, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var container = await containers.ListsAsync(cancellationToken).ConfigureAwait(false);
        // Parallel point writes: the emulator here has no transactional batch or bulk mode.
        await Task.WhenAll(lists.Select(list =>
        {
            var document = new ListDocument(CosmosIds.ToDocumentId(list.RecommendationId), PartitionOf(list), list.ServedAt.UtcTicks, list);
            return container.UpsertItemAsync(document, new PartitionKey(document.Pk), cancellationToken: cancellationToken);
        })).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ServedList> ScanAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = await containers.ListsAsync(cancellationToken).ConfigureAwait(false);
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            for (var bucket = 0; bucket < options.Value.DayPartitions; bucket++)
            {
                var pk = Partition(day, bucket);
                // c.pk repeats the partition key: the local emulator does not scope queries to the request's partition.
                var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.servedAt >= @from AND c.servedAt < @to")
                    .WithParameter("@pk", pk).WithParameter("@from", from.UtcTicks).WithParameter("@to", to.UtcTicks);
                using var feed = container.GetItemQueryIterator<ListDocument>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), MaxItemCount = PageSize });
                while (feed.HasMoreResults)
                {
                    foreach (var document in await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield return document.List;
                    }
                }
            }
        }
    }

    private string PartitionOf(ServedList list) =>
        Partition(DateOnly.FromDateTime(list.ServedAt.UtcDateTime), (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(list.RecommendationId)) % (uint)options.Value.DayPartitions));

    private static string Partition(DateOnly day, int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}.{bucket:00}");

    private sealed record ListDocument(string Id, string Pk, long ServedAt, ServedList List);
}
