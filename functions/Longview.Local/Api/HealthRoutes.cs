namespace Longview.Local.Api;

/// <summary>Liveness; <see cref="Model"/> names the serving model once one is loaded.</summary>
public sealed record HealthResponse(string Status, string? Model);

internal static class HealthRoutes
{
    public static void MapHealthRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok", null)))
            .WithName("GetHealth")
            .WithSummary("Liveness and which model is loaded.")
            .Produces<HealthResponse>();
}
