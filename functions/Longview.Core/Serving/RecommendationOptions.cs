using System.ComponentModel.DataAnnotations;
using Longview.Core.Ranking;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Lifecycle;
using Longview.Core.Profiles;

namespace Longview.Core.Serving;

public sealed class RecommendationOptions : IValidatableObject
{
    public const string SectionName = "Longview:Recommendations";

    public const int MaxCount = 100;
    public const int MaxExclusions = 500;

    /// <summary>The candidate pool is this many times the requested count (at least <see cref="MinCandidates"/>).</summary>
    [Range(1, 1000)]
    public int CandidateMultiplier { get; set; } = 4;

    [Range(1, 100_000)]

    public int MinCandidates { get; set; } = 50;

    /// <summary>With a category filter the pool is widened by this factor before filtering.</summary>
    public int CategoryPoolFactor { get; set; } = 1;

    /// <summary>Users with fewer known items than this in their sequence get the cold-start path.</summary>
    [Range(0, 100_000)]
    public int MinHistoryForModel { get; set; } = 2;

    /// <summary>Catalogue items created within this window are "new" and may take exploration slots.</summary>
    public TimeSpan NewItemWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>At most this many new items join a candidate pool.</summary>
    public int MaxNewItemCandidates { get; set; } = 20;

    /// <summary>Catalogue items unknown to the model that it scores from their text per request (newest first); bounds the request's work.</summary>
    public int MaxTextScoredItems { get; set; } = 5_000;

    /// <summary>How strongly cold start boosts popular items in the categories the user already showed interest in.</summary>
    public double CategoryAffinityBoost { get; set; } = 1.0;

    /// <summary>How strongly cold start lifts items similar in meaning to the user's interests (<c>SemanticColdStart</c>); 0 turns it off.</summary>
    [Range(0, 100)]
    public double SemanticInterestBoost { get; set; } = 1.0;

    /// <summary>
    /// Whether the re-ranker's diversity term compares the meanings of two items (cosine of their text embeddings) when
    /// both have one, instead of their categories. Off by default: its effect on list quality is not measured yet.
    /// </summary>
    public bool EmbeddingDiversity { get; set; }

    /// <summary>The cosine at or below which two items count as unrelated for <see cref="EmbeddingDiversity"/> (rescaled to 0..1 above it).</summary>
    [Range(-1.0, 0.99)]
    public double EmbeddingSimilarityFloor { get; set; } = 0.75;

    public ExclusionOptions Exclusions { get; set; } = new();

    /// <summary>Lifecycle rules; keep them equal to the retention job's so segments agree across the product.</summary>
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Half-life to read the profile's category affinities with; must equal the aggregator's (ProfileLimits).</summary>
    public TimeSpan AffinityHalfLife { get; set; } = new ProfileLimits().AffinityHalfLife;

    /// <summary>Re-ranking weights per lifecycle segment; a segment missing here uses <see cref="DefaultWeights"/>.</summary>
    public Dictionary<LifecycleSegment, RankingWeights> Weights { get; set; } = new()
    {
        [LifecycleSegment.New] = new() { ExplorationShare = 0.25, Novelty = 0.05, Diversity = 0.4 },
        [LifecycleSegment.Active] = new() { ExplorationShare = 0.1, Novelty = 0.1, Diversity = 0.3 },
        [LifecycleSegment.AtRisk] = new() { ExplorationShare = 0.2, Novelty = 0.15, Diversity = 0.4 },
        [LifecycleSegment.Dormant] = new() { ExplorationShare = 0.2, Novelty = 0.05, Diversity = 0.3 },
        [LifecycleSegment.Churned] = new() { ExplorationShare = 0.2, Novelty = 0.05, Diversity = 0.3 },
        [LifecycleSegment.Reactivated] = new() { ExplorationShare = 0.15, Novelty = 0.1, Diversity = 0.3 },
    };

    public RankingWeights DefaultWeights { get; set; } = new();

    public RankingWeights WeightsFor(LifecycleSegment segment) => Weights.GetValueOrDefault(segment) ?? DefaultWeights;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!(Exclusions.FatigueThreshold > 0))
        {
            yield return new ValidationResult($"Exclusions:FatigueThreshold must be positive (got {Exclusions.FatigueThreshold})");
        }
    }
}
