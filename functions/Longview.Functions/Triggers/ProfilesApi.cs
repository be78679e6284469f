using Longview.Api;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serving.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

public sealed class ProfilesApi(IProfileStore profiles, IOptions<ProfileLimits> limits, CatalogSnapshotCache catalogue, ILoggerFactory loggers)
{
    /// <summary>GET /api/users/{userId}/profile: <see cref="ProfileEndpoint"/> (which reads the id from the request target, not the route value).</summary>
    [Function("GetProfile")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/profile")] HttpRequest request, CancellationToken cancellationToken) =>
        ProfileEndpoint.GetAsync(request, profiles, limits, catalogue, loggers, cancellationToken);
}
