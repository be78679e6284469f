using Longview.Core.Serving;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>The production path: <see cref="RecommendationService.RecommendAsync"/> with the user's live profile from the store.</summary>
public sealed class ServicePolicy(RecommendationService service) : IRecommendationPolicy
{
    public async Task<IReadOnlyList<string>> RecommendAsync(string userId, int count, string recommendationId, CancellationToken cancellationToken)
    {
        var answer = await service.RecommendAsync(userId, new RecommendationRequest(count, RecommendationId: recommendationId), cancellationToken).ConfigureAwait(false);
        return [.. answer.Items.Select(i => i.ItemId)];
    }
}
