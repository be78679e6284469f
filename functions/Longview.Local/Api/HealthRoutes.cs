using Longview.Core.Health;
using Longview.Core.Serving;
using Longview.Core.Serving.Models;

namespace Longview.Local.Api;

/// <summary>Liveness; <see cref="Model"/> names the serving model's version, or "fallback" while none is loaded.</summary>
public sealed record HealthResponse(string Status, string? Model);

/// <summary>
/// Readiness: <c>ready</c>, <c>degraded</c> (serving with less than designed: an older model, the fallback, stale
/// reports) or <c>unavailable</c> (the profile store fails), with every component and its reason.
/// </summary>
public sealed record ReadinessResponse(string Status, string? Model, IReadOnlyList<ReadinessComponentResponse> Components);

public sealed record ReadinessComponentResponse(string Component, string Status, string Detail);

internal static class HealthRoutes
{
    public static void MapHealthRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/health", (IModelSource models) =>
                TypedResults.Ok(new HealthResponse("ok", models.Current?.Version ?? RecommendationService.FallbackVersion)))
            .WithName("GetHealth")
            .WithSummary("Liveness and which model is loaded.")
            .WithDescription("Always 200 \"ok\" while the process serves requests; whether it serves them as designed is /api/health/ready.")
            .Produces<HealthResponse>();

        api.MapGet("/health/ready", async Task<IResult> (ReadinessService readiness, IModelSource models, CancellationToken cancellationToken) =>
            {
                var report = await readiness.CheckAsync(cancellationToken);
                var body = new ReadinessResponse(
                    Status(report.Readiness),
                    models.Current?.Version ?? RecommendationService.FallbackVersion,
                    report.Components.Select(c => new ReadinessComponentResponse(c.Component, Status(c.Readiness), c.Detail)).ToArray());
                return report.Readiness == Readiness.Unavailable
                    ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
                    : TypedResults.Ok(body);
            })
            .WithName("GetReadiness")
            .WithSummary("Readiness: whether the model, the profile store and the retention reports work, each with its reason.")
            .WithDescription("200 with status \"ready\" or \"degraded\" (requests are served, with less than designed: e.g. a corrupt promoted model while the previous one or the popularity fallback serves, or retention reports older than Longview:Readiness:MaxReportAgeDays); 503 with status \"unavailable\" when the profile store does not answer.")
            .Produces<ReadinessResponse>()
            .Produces<ReadinessResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static string Status(Readiness readiness) => readiness switch
    {
        Readiness.Ready => "ready",
        Readiness.Degraded => "degraded",
        _ => "unavailable",
    };
}
