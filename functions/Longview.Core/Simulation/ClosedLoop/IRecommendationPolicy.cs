namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>What a simulated session asks for a list. Production arms use <see cref="ServicePolicy"/> (the real service).</summary>
public interface IRecommendationPolicy
{
    /// <param name="recommendationId">Deterministic id for this request (the service seeds its exploration with it).</param>
    Task<IReadOnlyList<string>> RecommendAsync(string userId, int count, string recommendationId, CancellationToken cancellationToken);
}
