using Longview.Api;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class ModelsApi(IModelSource models)
{
    /// <summary>GET /api/models/current: <see cref="ModelsEndpoint"/>.</summary>
    [Function("GetCurrentModel")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current")] HttpRequest request) =>
        ModelsEndpoint.GetCurrent(request, models);
}
