using Longview.Api;
using Longview.Core.Serving.Models;

namespace Longview.Local.Api;

internal static class ModelRoutes
{
    public static void MapModelRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/models/current", (IModelSource models) => ModelsEndpoint.GetCurrent(models))
            .WithName("GetCurrentModel")
            .WithSummary("The serving model: version, training metrics, trained and promoted at. 404 while the popularity fallback serves.")
            .Produces<ModelSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
