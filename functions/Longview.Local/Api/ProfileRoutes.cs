using Longview.Api;
using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Local.Api;

internal static class ProfileRoutes
{
    public static void MapProfileRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/profile", (HttpRequest request, string userId, IProfileStore profiles, CancellationToken ct) =>
                ProfileEndpoint.GetAsync(request, profiles, ct))
            .WithName("GetProfile")
            .WithSummary("The user's profile (the feature store record built from their events).")
            .WithDescription(PathIdRules.Description)
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
