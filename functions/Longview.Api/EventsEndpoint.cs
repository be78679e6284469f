using Longview.Core.Ingestion;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>POST /api/events: one event, a JSON array or NDJSON; a bad event never blocks the good ones.</summary>
public static class EventsEndpoint
{
    public static async Task<IResult> PostAsync(HttpRequest request, EventIngestion ingestion, long maxBodyBytes, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        return body.Problem ?? IngestResults.From(await ingestion.IngestAsync(body.Content, cancellationToken).ConfigureAwait(false));
    }
}
