using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Local.Api;

internal static class ProfileRoutes
{
    public static void MapProfileRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/profile", async (string userId, IProfileStore profiles, CancellationToken ct) =>
                await profiles.GetUserAsync(userId, ct) is { } stored
                    ? TypedResults.Ok(stored.Profile)
                    : Problems.NotFound("Unknown user", $"No activity has been ingested for user '{userId}' (served lists alone do not make a user)."))
            .WithName("GetProfile")
            .WithSummary("The user's profile (the feature store record built from their events).")
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
