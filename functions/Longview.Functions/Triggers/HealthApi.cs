using Longview.Core.Serving;
using Longview.Core.Serving.Models;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class HealthApi(IModelSource models)
{
    /// <summary>GET /api/health: liveness; <see cref="HealthResponse.Model"/> names the serving model, "fallback" while none is loaded.</summary>
    [Function("Health")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        JsonResponse.Ok(new HealthResponse("ok", models.Current?.Version ?? RecommendationService.FallbackVersion));
}

/// <summary>The same answer as the self-hosted host's.</summary>
public sealed record HealthResponse(string Status, string? Model);
