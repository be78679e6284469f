using System.Text.Json;
using Longview.Core.Serialization;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/models/current: the serving model's summary, with an ETag that changes when another model is promoted or
/// loaded (304 for a client that holds the current one); 404 problem while the popularity fallback serves.
/// </summary>
public static class ModelsEndpoint
{
    public static IResult GetCurrent(HttpRequest request, IModelSource models)
    {
        if (models.Current is not { } model)
        {
            return Problems.NotFound("No model", ModelSummary.NoModelDetail);
        }
        var summary = ModelSummary.From(model);
        return ConditionalGet.Answer(request, JsonSerializer.Serialize(summary, LongviewJson.Options), TypedResults.Ok(summary));
    }
}
