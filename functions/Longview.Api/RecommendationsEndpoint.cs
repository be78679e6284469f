using Longview.Core.Serving;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/users/{userId}/recommendations?count=&amp;explain=&amp;exclude=&amp;category=: retention-aware items;
/// unknown users get cold start; a bad parameter is a 400 problem naming it.
/// </summary>
public static class RecommendationsEndpoint
{
    public static async Task<IResult> GetAsync(
        HttpRequest request, RecommendationService service, IServedListRecorder served, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 2);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        ServedRecommendation list;
        try
        {
            list = await service.ServeAsync(userId.Value, RecommendationQuery.Parse(name => request.Query[name].ToArray()), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidRecommendationRequestException ex)
        {
            return Problems.InvalidParameter(ex.Parameter, ex.Reason);
        }
        await served.RecordAsync(list, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list.Recommendation);
    }
}
