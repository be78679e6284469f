using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Api;

/// <summary>
/// GET /api/users/{userId}/profile: the user's <see cref="PublicProfile"/> (never the stored encoding), 404 for an
/// unknown user or one with impressions only. The interests come from the serving catalogue snapshot (in memory); a
/// catalogue that cannot be read leaves them out, with a warning in the log, rather than failing the profile.
/// </summary>
public static partial class ProfileEndpoint
{
    public static async Task<IResult> GetAsync(
        HttpRequest request, IProfileStore profiles, IOptions<ProfileLimits> limits, CatalogSnapshotCache catalogue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 2);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        return await profiles.GetUserAsync(userId.Value, cancellationToken).ConfigureAwait(false) is { } stored
            ? TypedResults.Ok(PublicProfile.From(stored.Profile, limits.Value.AffinityHalfLife) with
            {
                Interests = await InterestsAsync(stored.Profile, catalogue, loggers, cancellationToken).ConfigureAwait(false),
            })
            : Problems.NotFound("Unknown user", $"No activity has been ingested for user '{userId.Value}' (served lists alone do not make a user).");
    }

    private static async Task<IReadOnlyList<PublicSemanticInterest>?> InterestsAsync(UserProfile profile, CatalogSnapshotCache catalogue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await catalogue.GetAsync(cancellationToken).ConfigureAwait(false);
            return PublicSemanticInterest.From(SemanticInterests.Of(profile, snapshot), snapshot);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The endpoint names its own log category, so both hosts log this under the same one.
            LogInterestsUnavailable(loggers.CreateLogger(typeof(ProfileEndpoint)), ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The item catalogue could not be read: a profile was answered without its interests")]
    private static partial void LogInterestsUnavailable(ILogger logger, Exception exception);
}
