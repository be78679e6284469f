using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class HealthApi(TimeProvider time)
{
    /// <summary>GET /api/health: liveness. Later issues add the loaded model.</summary>
    [Function("Health")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        JsonResponse.Ok(new HealthReport("ok", "functions", time.GetUtcNow()));
}

public sealed record HealthReport(string Status, string Host, DateTimeOffset Time);
