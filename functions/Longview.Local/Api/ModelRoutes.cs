using System.Text.Json;
using Longview.Core.Serving.Models;

namespace Longview.Local.Api;

/// <summary>The serving model's manifest summary, as <c>GET /api/models/current</c> shows it.</summary>
public sealed record ModelSummary(string Version, DateTimeOffset? TrainedAt, DateTimeOffset? PromotedAt, int ItemCount, int MaxLength, JsonElement? Metrics)
{
    public static ModelSummary From(ModelDescription model) =>
        new(model.Version, model.CreatedAt, model.PromotedAt, model.ItemCount, model.MaxLength, model.Metrics);
}

internal static class ModelRoutes
{
    public static void MapModelRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/models/current", (IModelSource models) =>
                models.Current is { } model
                    ? TypedResults.Ok(ModelSummary.From(model))
                    : Problems.NotFound("No model", "No model is loaded: recommendations use the popularity fallback (modelVersion \"fallback\") until a model is promoted."))
            .WithName("GetCurrentModel")
            .WithSummary("The serving model: version, training metrics, trained and promoted at. 404 while the popularity fallback serves.")
            .Produces<ModelSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
