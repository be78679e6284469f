using Longview.Core.Ranking;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Serving.Segments;

namespace Longview.Core.Serving;

public sealed class RecommendationOptions
{
    public const int MaxCount = 100;
    public const int MaxExclusions = 500;
    public const int MaxIdLength = 256;

    /// <summary>The candidate pool is this many times the requested count (at least <see cref="MinCandidates"/>).</summary>
    public int CandidateMultiplier { get; set; } = 4;

    public int MinCandidates { get; set; } = 50;

    /// <summary>With a category filter the pool is widened by this factor before filtering.</summary>
    public int CategoryPoolFactor { get; set; } = 1;

    /// <summary>Users with fewer known items than this in their sequence get the cold-start path.</summary>
    public int MinHistoryForModel { get; set; } = 2;

    /// <summary>Catalogue items created within this window are "new" and may take exploration slots.</summary>
    public TimeSpan NewItemWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>At most this many new items join a candidate pool.</summary>
    public int MaxNewItemCandidates { get; set; } = 20;

    /// <summary>How strongly cold start boosts popular items in the categories the user already showed interest in.</summary>
    public double CategoryAffinityBoost { get; set; } = 1.0;

    public ExclusionOptions Exclusions { get; set; } = new();

    public SegmentThresholds Segments { get; set; } = new();

    /// <summary>Re-ranking weights per lifecycle segment; a segment missing here uses <see cref="DefaultWeights"/>.</summary>
    public Dictionary<ServingSegment, RankingWeights> Weights { get; set; } = new()
    {
        [ServingSegment.New] = new() { ExplorationShare = 0.25, Novelty = 0.05, Diversity = 0.4 },
        [ServingSegment.Active] = new() { ExplorationShare = 0.1, Novelty = 0.1, Diversity = 0.3 },
        [ServingSegment.AtRisk] = new() { ExplorationShare = 0.2, Novelty = 0.15, Diversity = 0.4 },
        [ServingSegment.Dormant] = new() { ExplorationShare = 0.2, Novelty = 0.05, Diversity = 0.3 },
        [ServingSegment.Churned] = new() { ExplorationShare = 0.2, Novelty = 0.05, Diversity = 0.3 },
        [ServingSegment.Reactivated] = new() { ExplorationShare = 0.15, Novelty = 0.1, Diversity = 0.3 },
    };

    public RankingWeights DefaultWeights { get; set; } = new();

    public RankingWeights WeightsFor(ServingSegment segment) => Weights.GetValueOrDefault(segment) ?? DefaultWeights;
}
