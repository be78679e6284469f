using System.Net;
using System.Runtime.CompilerServices;
using Longview.Core.Experiments;
using Longview.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Outcomes;

/// <summary>
/// The Azure exposure log: container <c>exposures</c>, pk <c>/experimentId</c>, id = the user id (escaped); a create
/// that finds the document already there (409) keeps the first exposure. A scan is one single-partition query.
/// </summary>
public sealed class CosmosExposureLog(CosmosOutcomeContainers containers) : IExperimentExposureLog
{
    private const int PageSize = 1_000;

    public async Task RecordAsync(IReadOnlyList<ExperimentExposure> exposures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        var container = await containers.ExposuresAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(exposures.Select(async exposure =>
        {
            var document = new ExposureDocument(CosmosIds.ToDocumentId(exposure.UserId), exposure.ExperimentId, exposure.UserId, exposure.Variant, exposure.FirstExposedAt);
            try
            {
                await container.CreateItemAsync(document, new PartitionKey(exposure.ExperimentId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken).ConfigureAwait(false);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // Exposed before: the first exposure stays.
            }
        })).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ExperimentExposure> ScanAsync(string experimentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = await containers.ExposuresAsync(cancellationToken).ConfigureAwait(false);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.experimentId = @experiment").WithParameter("@experiment", experimentId);
        using var feed = container.GetItemQueryIterator<ExposureDocument>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(experimentId), MaxItemCount = PageSize });
        while (feed.HasMoreResults)
        {
            foreach (var document in await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new ExperimentExposure(document.ExperimentId, document.UserId, document.Variant, document.FirstExposedAt);
            }
        }
    }

    /// <summary>Pages with the query's continuation token, base64url-encoded (opaque to callers).</summary>
    public async Task<ExposurePage> ReadPageAsync(string experimentId, string variant, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var continuation = ExposureCursor.Decode(cursor);
        var container = await containers.ExposuresAsync(cancellationToken).ConfigureAwait(false);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.experimentId = @experiment AND c.variant = @variant")
            .WithParameter("@experiment", experimentId).WithParameter("@variant", variant);
        var items = new List<ExperimentExposure>(limit);
        string? next;
        try
        {
            using var feed = container.GetItemQueryIterator<ExposureDocument>(query, continuation, new QueryRequestOptions { PartitionKey = new PartitionKey(experimentId), MaxItemCount = limit });
            next = null;
            // Skip pages the service answers empty, so a page is empty only at the end.
            while (items.Count == 0 && feed.HasMoreResults)
            {
                var page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Select(d => new ExperimentExposure(d.ExperimentId, d.UserId, d.Variant, d.FirstExposedAt)));
                next = page.ContinuationToken;
            }
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.BadRequest && continuation is not null)
        {
            throw new InvalidCursorException("not a cursor this listing handed out");
        }
        return new ExposurePage(items, next is null ? null : ExposureCursor.Encode(next));
    }

    private sealed record ExposureDocument(string Id, string ExperimentId, string UserId, string Variant, DateTimeOffset FirstExposedAt);
}
