using Longview.Core.Ports;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class ProfilesApi(IProfileStore profiles)
{
    /// <summary>GET /api/users/{userId}/profile: the stored profile, 404 for an unknown user.</summary>
    [Function("GetProfile")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/profile")] HttpRequest request,
        string userId,
        CancellationToken cancellationToken)
    {
        var stored = await profiles.GetAsync(userId, cancellationToken);
        return stored is null
            ? Problems.NotFound("Unknown user", $"No events have been ingested for user '{userId}'.")
            : JsonResponse.Ok(stored.Profile);
    }
}
