using Longview.Api;
using Longview.Core.Erasure;

namespace Longview.Local.Api;

internal static class UserRoutes
{
    public static void MapUserRoutes(this RouteGroupBuilder api) =>
        api.MapDelete("/users/{userId}", (HttpRequest request, string userId, UserErasure erasure, CancellationToken ct) =>
                UsersEndpoint.DeleteAsync(request, erasure, ct))
            .WithName("DeleteUser")
            .WithSummary("Right to be forgotten: removes the user's profile and dead letters and records the erasure.")
            .WithDescription("Training snapshots and reports taken before the erasure are filtered through the erasure log. Not a block list: later events for the user create a new profile. " + PathIdRules.Description)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
