using Longview.Core.Erasure;

namespace Longview.Local.Api;

internal static class UserRoutes
{
    public static void MapUserRoutes(this RouteGroupBuilder api) =>
        api.MapDelete("/users/{userId}", async (string userId, UserErasure erasure, CancellationToken ct) =>
            {
                try
                {
                    return (await erasure.EraseAsync(userId, ct)).Found
                        ? Results.NoContent()
                        : Problems.NotFound("Unknown user", $"Nothing is stored for user '{userId}'.");
                }
                catch (InvalidUserIdException e)
                {
                    return TypedResults.Problem(title: "Invalid user id", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .WithName("DeleteUser")
            .WithSummary("Right to be forgotten: removes the user's profile and dead letters and records the erasure.")
            .WithDescription("Training snapshots and reports taken before the erasure are filtered through the erasure log. Not a block list: later events for the user create a new profile.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
