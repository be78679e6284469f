using Longview.Api;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Local.Hosting;

namespace Longview.Local.Api;

internal static class ItemRoutes
{
    public static void MapItemRoutes(this RouteGroupBuilder api) =>
        api.MapPost("/items", (HttpRequest request, ItemIngestion ingestion, LocalHostOptions host, CancellationToken ct) =>
                ItemsEndpoint.PostAsync(request, ingestion, host.MaxRequestBodyBytes, ct))
            .WithName("PostItems")
            .WithSummary("Insert or replace catalogue items: one item, a JSON array, or NDJSON.")
            .WithDescription("Same batch semantics as /api/events: bad items are listed under `rejected`, the good ones are stored.")
            .Accepts<CatalogItem[]>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
