using Longview.Core.Serving.Models;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class ModelsApi(IModelSource models)
{
    /// <summary>GET /api/models/current: the serving model's version, metrics, trained and promoted at; 404 problem while the fallback serves.</summary>
    [Function("GetCurrentModel")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current")] HttpRequest request) =>
        models.Current is { } model
            ? JsonResponse.Ok(ModelSummary.From(model))
            : Problems.NotFound("No model", ModelSummary.NoModelDetail);
}
