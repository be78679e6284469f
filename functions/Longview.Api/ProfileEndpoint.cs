using Longview.Core.Ports;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>GET /api/users/{userId}/profile: the stored profile, 404 for an unknown user.</summary>
public static class ProfileEndpoint
{
    public static async Task<IResult> GetAsync(HttpRequest request, IProfileStore profiles, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 2);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        return await profiles.GetAsync(userId.Value, cancellationToken).ConfigureAwait(false) is { } stored
            ? TypedResults.Ok(stored.Profile)
            : Problems.NotFound("Unknown user", $"No events have been ingested for user '{userId.Value}'.");
    }
}
