using Longview.Api;
using Longview.Core.Lifecycle.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class LifecycleApi(LifecycleReader reader)
{
    /// <summary>GET /api/users/{userId}/lifecycle: <see cref="LifecycleEndpoint"/>.</summary>
    [Function("GetUserLifecycle")]
    public Task<IResult> GetUser(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/lifecycle")] HttpRequest request, CancellationToken cancellationToken) =>
        LifecycleEndpoint.GetAsync(request, reader, cancellationToken);

    /// <summary>GET /api/segments/{segment}/users: <see cref="SegmentsEndpoint"/>.</summary>
    [Function("GetSegmentMembers")]
    public Task<IResult> GetMembers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "segments/{segment}/users")] HttpRequest request, CancellationToken cancellationToken) =>
        SegmentsEndpoint.GetMembersAsync(request, reader, cancellationToken);
}
