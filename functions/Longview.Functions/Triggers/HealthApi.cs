using Longview.Api;
using Longview.Core.Health;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class HealthApi(IModelSource models, ReadinessService readiness)
{
    /// <summary>GET and HEAD /api/health: <see cref="HealthEndpoint"/>.</summary>
    [Function("Health")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request) =>
        HealthEndpoint.Get(models);

    /// <summary>GET /api/health/ready: <see cref="HealthEndpoint.ReadyAsync"/>.</summary>
    [Function("Readiness")]
    public Task<IResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request, CancellationToken ct) =>
        HealthEndpoint.ReadyAsync(readiness, models, ct);
}
