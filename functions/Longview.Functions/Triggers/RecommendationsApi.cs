using Longview.Api;
using Longview.Core.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class RecommendationsApi(RecommendationService recommendations, IServedListRecorder served)
{
    /// <summary>GET /api/users/{userId}/recommendations: <see cref="RecommendationsEndpoint"/>.</summary>
    [Function("GetRecommendations")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/recommendations")] HttpRequest request, CancellationToken cancellationToken) =>
        RecommendationsEndpoint.GetAsync(request, recommendations, served, cancellationToken);
}
