using Longview.Api;
using Longview.Core.Ingestion;
using Longview.Local.Hosting;

namespace Longview.Local.Api;

internal static class EventRoutes
{
    public static void MapEventRoutes(this RouteGroupBuilder api) =>
        api.MapPost("/events", (HttpRequest request, EventIngestion ingestion, LocalHostOptions host, CancellationToken ct) =>
                EventsEndpoint.PostAsync(request, ingestion, host.MaxRequestBodyBytes, ct))
            .WithName("PostEvents")
            .WithSummary("Ingest behaviour events: one event, a JSON array, or NDJSON.")
            .WithDescription("A bad event never blocks the good ones: each is listed under `rejected` with its index, eventId, field and error. 400/413 only when the body as a whole is unreadable or too large; 415 when the Content-Type is not JSON or NDJSON.")
            .Accepts<EventPayload[]>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
