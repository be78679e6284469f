using Longview.Core.Ingestion;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>POST /api/items: catalogue items with the same batch semantics as events.</summary>
public static class ItemsEndpoint
{
    public static async Task<IResult> PostAsync(HttpRequest request, ItemIngestion ingestion, long maxBodyBytes, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        return body.Problem ?? IngestResults.From(await ingestion.IngestAsync(body.Content, cancellationToken).ConfigureAwait(false));
    }
}
