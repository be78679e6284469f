using Longview.Core.Ingestion;
using Longview.Core.Serving;
using Longview.Core.Serving.Impressions;
using Longview.Functions.Hosting;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

public sealed class RecommendationsApi(
    RecommendationService recommendations,
    EventIngestion ingestion,
    IOptions<FunctionsServingOptions> options,
    TimeProvider time,
    ILogger<RecommendationsApi> logger)
{
    /// <summary>
    /// GET /api/users/{userId}/recommendations?count=&amp;explain=&amp;exclude=&amp;category=: retention-aware items;
    /// unknown users get cold start; a bad parameter is a 400 problem naming it.
    /// </summary>
    [Function("GetRecommendations")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/recommendations")] HttpRequest request,
        string userId,
        CancellationToken cancellationToken)
    {
        ServedRecommendation served;
        try
        {
            served = await recommendations.ServeAsync(userId, RecommendationQuery.Parse(name => request.Query[name].ToArray()), cancellationToken);
        }
        catch (InvalidRecommendationRequestException ex)
        {
            return ParameterProblems.Invalid(ex.Parameter, ex.Reason);
        }
        var result = served.Recommendation;
        if (options.Value.LogImpressions && result.Items.Count > 0)
        {
            await LogImpressionsAsync(result, served.ServedAt ?? time.GetUtcNow(), cancellationToken);
        }
        return JsonResponse.Ok(result);
    }

    /// <summary>
    /// After the list is computed; a failure costs the impressions, never the answer. They carry the time taken before the
    /// profile was read, so an erasure that ran meanwhile discards them.
    /// </summary>
    private async Task LogImpressionsAsync(Recommendation result, DateTimeOffset servedAt, CancellationToken cancellationToken)
    {
        try
        {
            await ingestion.IngestAsync(ImpressionEvents.For(result, servedAt), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not log {Count} impressions of {RecommendationId}", result.Items.Count, result.RecommendationId);
        }
    }
}
