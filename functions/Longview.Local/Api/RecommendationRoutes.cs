using Longview.Api;
using Longview.Core.Serving;

namespace Longview.Local.Api;

internal static class RecommendationRoutes
{
    public static void MapRecommendationRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/recommendations", (HttpRequest request, string userId, RecommendationService service, IServedListRecorder served, CancellationToken ct) =>
                RecommendationsEndpoint.GetAsync(request, service, served, ct))
            .WithName("GetRecommendations")
            .WithSummary("Retention-aware recommendations for a user; unknown users get cold-start items.")
            .WithDescription("Query: `count` (1-100, default 10), `explain` (true/false: add a short reason per item), `exclude` (comma-separated item ids, at most 500), `category` (only items of this category). `modelVersion` is `fallback` while no model is loaded. A bad parameter gives 400 problem+json whose `parameter` member names it. " + PathIdRules.Description)
            .Produces<Recommendation>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
