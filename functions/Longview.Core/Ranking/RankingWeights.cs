namespace Longview.Core.Ranking;

/// <summary>
/// How much the re-ranker trades relevance for long-term value. One set per lifecycle segment (see
/// <c>RecommendationOptions.Segments</c>): new and at-risk users get more exploration, engaged users more relevance.
/// </summary>
public sealed class RankingWeights
{
    /// <summary>Penalty per unit of mean category similarity to the items already placed (MMR).</summary>
    public double Diversity { get; set; } = 0.3;

    /// <summary>Bonus per unit of normalised novelty (-log popularity).</summary>
    public double Novelty { get; set; } = 0.1;

    /// <summary>Penalty per unit of impression fatigue.</summary>
    public double Fatigue { get; set; } = 0.5;

    /// <summary>Share of the list given to exploration slots, before the churn-risk boost.</summary>
    public double ExplorationShare { get; set; } = 0.1;

    /// <summary>Extra exploration share at churn risk 1 (scaled linearly by the predicted risk).</summary>
    public double ChurnExplorationBoost { get; set; } = 0.2;

    /// <summary>Exploration never takes more than this share of the list.</summary>
    public double MaxExplorationShare { get; set; } = 0.5;

    public RankingWeights Clone() => (RankingWeights)MemberwiseClone();

    public double ExplorationShareFor(double churnRisk) =>
        Math.Clamp(ExplorationShare + ChurnExplorationBoost * Math.Clamp(churnRisk, 0, 1), 0, MaxExplorationShare);
}
