using Longview.Core.Ports;
using Longview.Core.Profiles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Longview.Api;

/// <summary>
/// GET /api/users/{userId}/profile: the user's <see cref="PublicProfile"/> (never the stored encoding), 404 for an
/// unknown user or one with impressions only.
/// </summary>
public static class ProfileEndpoint
{
    public static async Task<IResult> GetAsync(
        HttpRequest request, IProfileStore profiles, IOptions<ProfileLimits> limits, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 2);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        return await profiles.GetUserAsync(userId.Value, cancellationToken).ConfigureAwait(false) is { } stored
            ? TypedResults.Ok(PublicProfile.From(stored.Profile, limits.Value.AffinityHalfLife))
            : Problems.NotFound("Unknown user", $"No activity has been ingested for user '{userId.Value}' (served lists alone do not make a user).");
    }
}
