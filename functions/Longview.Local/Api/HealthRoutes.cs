using Longview.Api;
using Longview.Core.Health;
using Longview.Core.Serving.Models;

namespace Longview.Local.Api;

internal static class HealthRoutes
{
    public static void MapHealthRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/health", (IModelSource models) => HealthEndpoint.Get(models))
            .WithName("GetHealth")
            .WithSummary("Liveness and which model is loaded.")
            .WithDescription("Always 200 \"ok\" while the process serves requests; whether it serves them as designed is /api/health/ready.")
            .Produces<HealthResponse>();
        // Its own operation (an operationId is unique per method); probes that only read the status use it.
        api.MapMethods("/health", [HttpMethods.Head], (IModelSource models) => HealthEndpoint.Get(models))
            .WithName("HeadHealth")
            .WithSummary("Liveness as a status code alone (the GET answer without its body).")
            .Produces(StatusCodes.Status200OK);
        api.MapGet("/health/ready", (ReadinessService readiness, IModelSource models, CancellationToken ct) => HealthEndpoint.ReadyAsync(readiness, models, ct))
            .WithName("GetReadiness")
            .WithSummary("Readiness: whether the model, the profile store and the retention reports work, each with its reason.")
            .WithDescription("200 with status \"ready\" or \"degraded\" (requests are served, with less than designed: e.g. a corrupt promoted model while the previous one or the popularity fallback serves, or retention reports older than Longview:Readiness:MaxReportAgeDays); 503 with status \"unavailable\" when the profile store does not answer.")
            .Produces<ReadinessResponse>()
            .Produces<ReadinessResponse>(StatusCodes.Status503ServiceUnavailable);
    }
}
