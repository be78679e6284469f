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

    private sealed record ExposureDocument(string Id, string ExperimentId, string UserId, string Variant, DateTimeOffset FirstExposedAt);
}
