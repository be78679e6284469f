using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class HealthApi
{
    /// <summary>GET /api/health: liveness; <see cref="HealthResponse.Model"/> names the serving model once one is loaded.</summary>
    [Function("Health")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        JsonResponse.Ok(new HealthResponse("ok", null));
}

/// <summary>The same answer as the self-hosted host's.</summary>
public sealed record HealthResponse(string Status, string? Model);
