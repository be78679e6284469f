using Longview.Core.Ports;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class ProfilesApi(IProfileStore profiles)
{
    /// <summary>GET /api/users/{userId}/profile: the stored profile, 404 for an unknown user or one with impressions only.</summary>
    [Function("GetProfile")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/profile")] HttpRequest request,
        string userId,
        CancellationToken cancellationToken)
    {
        var stored = await profiles.GetUserAsync(userId, cancellationToken);
        return stored is null
            ? Problems.NotFound("Unknown user", $"No activity has been ingested for user '{userId}' (served lists alone do not make a user).")
            : JsonResponse.Ok(stored.Profile);
    }
}
