using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

public sealed class EventsApi(EventIngestion ingestion, IOptions<EventLimits> limits)
{
    /// <summary>POST /api/events: one event, a JSON array or NDJSON; a bad event never blocks the good ones.</summary>
    [Function("PostEvents")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
        return body.TooLarge
            ? Problems.TooLarge(limits.Value.MaxBodyBytes)
            : IngestResponses.From(await ingestion.IngestAsync(body.Content, cancellationToken));
    }
}
