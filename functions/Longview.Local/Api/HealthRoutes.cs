using Longview.Api;
using Longview.Core.Serving.Models;

namespace Longview.Local.Api;

internal static class HealthRoutes
{
    public static void MapHealthRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/health", (IModelSource models) => HealthEndpoint.Get(models))
            .WithName("GetHealth")
            .WithSummary("Liveness and which model is loaded.")
            .Produces<HealthResponse>();
        // Its own operation (an operationId is unique per method); probes that only read the status use it.
        api.MapMethods("/health", [HttpMethods.Head], (IModelSource models) => HealthEndpoint.Get(models))
            .WithName("HeadHealth")
            .WithSummary("Liveness as a status code alone (the GET answer without its body).")
            .Produces(StatusCodes.Status200OK);
    }
}
