using Longview.Core.Health;
using Longview.Core.Serving;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>GET (and HEAD, for probes that only look at the status) /api/health: liveness; GET /api/health/ready: readiness.</summary>
public static class HealthEndpoint
{
    public static IResult Get(IModelSource models) =>
        TypedResults.Ok(new HealthResponse("ok", models.Current?.Version ?? RecommendationService.FallbackVersion));

    /// <summary>200 while requests are served (ready or degraded, each component with its reason); 503 when the profile store fails.</summary>
    public static async Task<IResult> ReadyAsync(ReadinessService readiness, IModelSource models, CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken).ConfigureAwait(false);
        var body = new ReadinessResponse(
            Status(report.Readiness),
            models.Current?.Version ?? RecommendationService.FallbackVersion,
            report.Components.Select(c => new ReadinessComponentResponse(c.Component, Status(c.Readiness), c.Detail)).ToArray());
        return report.Readiness == Readiness.Unavailable
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }

    private static string Status(Readiness readiness) => readiness switch
    {
        Readiness.Ready => "ready",
        Readiness.Degraded => "degraded",
        _ => "unavailable",
    };
}
