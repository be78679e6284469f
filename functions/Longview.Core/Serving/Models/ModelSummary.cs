using System.Text.Json;

namespace Longview.Core.Serving.Models;

/// <summary>The serving model as <c>GET /api/models/current</c> shows it in both hosts (trainedAt = the manifest's createdAt).</summary>
public sealed record ModelSummary(string Version, DateTimeOffset? TrainedAt, DateTimeOffset? PromotedAt, int ItemCount, int MaxLength, JsonElement? Metrics)
{
    public static ModelSummary From(ModelDescription model) =>
        new(model.Version, model.CreatedAt, model.PromotedAt, model.ItemCount, model.MaxLength, model.Metrics);

    public const string NoModelDetail = "No model is loaded: recommendations use the popularity fallback (modelVersion \"fallback\") until a model is promoted.";
}
