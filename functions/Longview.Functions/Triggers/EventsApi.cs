using Longview.Api;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

public sealed class EventsApi(EventIngestion ingestion, IOptions<EventLimits> limits)
{
    /// <summary>POST /api/events: <see cref="EventsEndpoint"/>, the same handler as the self-hosted route.</summary>
    [Function("PostEvents")]
    public Task<IResult> Post([HttpTrigger(AuthorizationLevel.Function, "post", Route = "events")] HttpRequest request, CancellationToken cancellationToken) =>
        EventsEndpoint.PostAsync(request, ingestion, limits.Value.MaxBodyBytes, cancellationToken);
}
