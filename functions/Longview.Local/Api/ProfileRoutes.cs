using Longview.Api;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serving.Catalog;
using Microsoft.Extensions.Options;

namespace Longview.Local.Api;

internal static class ProfileRoutes
{
    public static void MapProfileRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/profile", (HttpRequest request, string userId, IProfileStore profiles, IOptions<ProfileLimits> limits, CatalogSnapshotCache catalogue, ILoggerFactory loggers, CancellationToken ct) =>
                ProfileEndpoint.GetAsync(request, profiles, limits, catalogue, loggers, ct))
            .WithName("GetProfile")
            .WithSummary("The user's profile: activity, event counts, recent items, category affinities, ratings, purchases, fatigue and interests in words, built from their events (interests also from the items' text).")
            .WithDescription(PathIdRules.Description + " Times are ISO-8601 (UTC), days yyyy-MM-dd; affinities are decayed to the user's last activity, so the answer changes only when the user does something.")
            .Produces<PublicProfile>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
