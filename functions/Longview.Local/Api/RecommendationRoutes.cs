using Longview.Core.Serving;
using Longview.Local.Serving;

namespace Longview.Local.Api;

internal static class RecommendationRoutes
{
    public static void MapRecommendationRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/recommendations", async (string userId, HttpRequest request, RecommendationService service, ImpressionLog impressions, TimeProvider time, CancellationToken ct) =>
            {
                ServedRecommendation served;
                try
                {
                    served = await service.ServeAsync(userId, RecommendationQuery.Parse(name => request.Query[name].ToArray()), ct);
                }
                catch (InvalidRecommendationRequestException ex)
                {
                    return ParameterProblems.Invalid(ex.Parameter, ex.Reason);
                }
                // After the list is computed; the log only enqueues, so it can neither slow nor fail the answer.
                impressions.Log(served, time.GetUtcNow());
                return TypedResults.Ok(served.Recommendation);
            })
            .WithName("GetRecommendations")
            .WithSummary("Retention-aware recommendations for a user; unknown users get cold-start items.")
            .WithDescription("Query: `count` (1-100, default 10), `explain` (true/false: add a short reason per item), `exclude` (comma-separated item ids, at most 500), `category` (only items of this category). `modelVersion` is `fallback` while no model is loaded. A bad parameter gives 400 problem+json whose `parameter` member names it.")
            .Produces<Recommendation>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
