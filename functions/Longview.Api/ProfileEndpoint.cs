using Longview.Core.Ports;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>GET /api/users/{userId}/profile: the stored profile, 404 for an unknown user or one with impressions only.</summary>
public static class ProfileEndpoint
{
    public static async Task<IResult> GetAsync(HttpRequest request, IProfileStore profiles, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 2);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        return await profiles.GetUserAsync(userId.Value, cancellationToken).ConfigureAwait(false) is { } stored
            ? TypedResults.Ok(stored.Profile)
            : Problems.NotFound("Unknown user", $"No activity has been ingested for user '{userId.Value}' (served lists alone do not make a user).");
    }
}
