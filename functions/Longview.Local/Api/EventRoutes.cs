using Longview.Core.Ingestion;

namespace Longview.Local.Api;

internal static class EventRoutes
{
    public static void MapEventRoutes(this RouteGroupBuilder api) =>
        api.MapPost("/events", async (HttpRequest request, EventIngestion ingestion, CancellationToken ct) =>
                await RequestBody.ReadAsync(request, ct) is { } body
                    ? IngestResults.From(await ingestion.IngestAsync(body, ct))
                    : Problems.TooLarge(request))
            .WithName("PostEvents")
            .WithSummary("Ingest behaviour events: one event, a JSON array, or NDJSON.")
            .WithDescription("A bad event never blocks the good ones: each is listed under `rejected` with its index, eventId, field and error. 400/413 only when the body as a whole is unreadable or too large.")
            .Accepts<EventPayload[]>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
