using Longview.Core.Ingestion;
using Longview.Core.Items;

namespace Longview.Local.Api;

internal static class ItemRoutes
{
    public static void MapItemRoutes(this RouteGroupBuilder api) =>
        api.MapPost("/items", async (HttpRequest request, ItemIngestion ingestion, CancellationToken ct) =>
                await RequestBody.ReadAsync(request, ct) is { } body
                    ? IngestResults.From(await ingestion.IngestAsync(body, ct))
                    : Problems.TooLarge(request))
            .WithName("PostItems")
            .WithSummary("Insert or replace catalogue items: one item, a JSON array, or NDJSON.")
            .WithDescription("Same batch semantics as /api/events: bad items are listed under `rejected`, the good ones are stored.")
            .Accepts<CatalogItem[]>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
