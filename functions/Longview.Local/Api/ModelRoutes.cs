using Longview.Api;
using Longview.Core.Serving.Models;

namespace Longview.Local.Api;

internal static class ModelRoutes
{
    public static void MapModelRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/models/current", (HttpRequest request, IModelSource models) => ModelsEndpoint.GetCurrent(request, models))
            .WithName("GetCurrentModel")
            .WithSummary("The serving model: version, training metrics, trained and promoted at. 404 while the popularity fallback serves.")
            .WithDescription("Carries a strong ETag (Cache-Control: no-cache): send it back in If-None-Match and the answer is 304 until another model serves.")
            .Produces<ModelSummary>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
