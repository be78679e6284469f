using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>GET /api/models/current: the serving model's summary; 404 problem while the popularity fallback serves.</summary>
public static class ModelsEndpoint
{
    public static IResult GetCurrent(IModelSource models) =>
        models.Current is { } model
            ? TypedResults.Ok(ModelSummary.From(model))
            : Problems.NotFound("No model", ModelSummary.NoModelDetail);
}
