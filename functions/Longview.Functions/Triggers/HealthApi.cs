using Longview.Api;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class HealthApi(IModelSource models)
{
    /// <summary>GET and HEAD /api/health: <see cref="HealthEndpoint"/>.</summary>
    [Function("Health")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request) =>
        HealthEndpoint.Get(models);
}
