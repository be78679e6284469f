using Longview.Core.Lifecycle;
using Longview.Core.Ranking;
using Longview.Core.Serving;
using Longview.Local.Evaluation;

namespace Longview.Local.Experiments;

/// <summary>One policy of an A/B: the production service with these options, with or without the model.</summary>
public sealed record ExperimentArm(string Name, string Description, bool UsesModel, Func<RecommendationOptions> Options)
{
    public const string Baseline = "relevance";

    /// <summary>Every arm the verb knows, in the order the table prints them.</summary>
    public static IReadOnlyList<ExperimentArm> All { get; } =
    [
        new("popularity", "no model: the service's fallback path (popularity blended with category affinity), default weights", false, () => new RecommendationOptions()),
        new(Baseline, "model, pure relevance: no diversity, novelty, exploration or fatigue (ServingEvaluator.PureRelevance)", true, ServingEvaluator.PureRelevance),
        new("retention", "model, the shipped retention-aware weights per lifecycle segment (RecommendationOptions defaults)", true, () => new RecommendationOptions()),
        new("explore", "model, retention weights with exploration share +0.2 and novelty x3 in every segment", true, () => Scaled(w =>
        {
            w.ExplorationShare = Math.Min(w.MaxExplorationShare, w.ExplorationShare + 0.2);
            w.Novelty *= 3;
        })),
        new("fatigue-only", "model, relevance plus the impression-fatigue penalty only (no diversity, novelty or exploration)", true, () =>
        {
            var options = ServingEvaluator.PureRelevance();
            options.DefaultWeights.Fatigue = new RankingWeights().Fatigue;
            return options;
        }),
    ];

    public static IReadOnlyList<string> Names => [.. All.Select(a => a.Name)];

    public static ExperimentArm? Find(string name) => All.FirstOrDefault(a => a.Name == name);

    private static RecommendationOptions Scaled(Action<RankingWeights> change)
    {
        var options = new RecommendationOptions();
        foreach (var segment in options.Weights.Keys.ToArray())
        {
            var weights = options.Weights[segment].Clone();
            change(weights);
            options.Weights[segment] = weights;
        }
        change(options.DefaultWeights);
        return options;
    }
}
