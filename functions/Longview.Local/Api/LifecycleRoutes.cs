using Longview.Api;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;

namespace Longview.Local.Api;

internal static class LifecycleRoutes
{
    public static void MapLifecycleRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/users/{userId}/lifecycle", (HttpRequest request, string userId, LifecycleReader reader, CancellationToken ct) =>
                LifecycleEndpoint.GetAsync(request, reader, ct))
            .WithName("GetUserLifecycle")
            .WithSummary("The user's lifecycle now: segment, churn risk and its reasons, P(alive), predicted value, value at risk, RFM tier, behavioural group, lifespan.")
            .WithDescription(PathIdRules.Description)
            .Produces<UserLifecycle>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // minRisk, limit, cursor and format are read and checked by the endpoint; named here for the OpenAPI document.
        api.MapGet("/segments/{segment}/users", (HttpRequest request, string segment, string? minRisk, string? limit, string? cursor, string? format, LifecycleReader reader, CancellationToken ct) =>
                SegmentsEndpoint.GetMembersAsync(request, reader, ct))
            .WithName("GetSegmentMembers")
            .WithSummary("One page of a segment's members on the newest lifecycle day, ranked by value at risk (JSON, or CSV with Accept: text/csv or format=csv).")
            .Produces<MemberPage>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
