using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Local.Api;

internal static class ProfileRoutes
{
    public static void MapProfileRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/profile", async (string userId, IProfileStore profiles, CancellationToken ct) =>
                await profiles.GetAsync(userId, ct) is { } stored
                    ? TypedResults.Ok(stored.Profile)
                    : Problems.NotFound("Unknown user", $"No events have been ingested for user '{userId}'."))
            .WithName("GetProfile")
            .WithSummary("The user's profile (the feature store record built from their events).")
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
