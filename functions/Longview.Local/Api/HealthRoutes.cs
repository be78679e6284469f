namespace Longview.Local.Api;

/// <summary>Liveness; <see cref="Model"/> names the serving model's version, or "fallback" while none is loaded.</summary>
public sealed record HealthResponse(string Status, string? Model);

internal static class HealthRoutes
{
    public static void MapHealthRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/health", (Longview.Core.Serving.Models.IModelSource models) =>
                TypedResults.Ok(new HealthResponse("ok", models.Current?.Version ?? Longview.Core.Serving.RecommendationService.FallbackVersion)))
            .WithName("GetHealth")
            .WithSummary("Liveness and which model is loaded.")
            .Produces<HealthResponse>();
}
