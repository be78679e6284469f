using Microsoft.Extensions.Options;

namespace Longview.Core.Experiments;

/// <summary>
/// Assigns a user to a variant of every experiment running at a given time. Invariant: the variant depends only on the
/// experiment's salt, its variant shares and the user id, never on the time, the instance or the order of requests.
/// </summary>
public sealed class ExperimentAssigner(IOptions<ExperimentOptions> options)
{
    private readonly IReadOnlyList<(ExperimentDefinition Definition, double[] Shares)> _experiments =
        [.. options.Value.Definitions.Select(d => (d, d.Variants.Select(v => v.Share).ToArray()))];

    public IReadOnlyList<ExperimentDefinition> Definitions => [.. _experiments.Select(e => e.Definition)];

    public ExperimentDefinition? Find(string experimentId) =>
        _experiments.FirstOrDefault(e => e.Definition.Id == experimentId).Definition;

    /// <summary>The variant of <paramref name="userId"/> in <paramref name="experiment"/>, whether or not it is running.</summary>
    public static ExperimentVariant VariantOf(ExperimentDefinition experiment, string userId) =>
        experiment.Variants[ExperimentBucket.Pick(ExperimentBucket.Of(experiment.EffectiveSalt, userId), [.. experiment.Variants.Select(v => v.Share)])];

    public ExperimentTreatment Assign(string userId, DateTimeOffset now)
    {
        if (_experiments.Count == 0)
        {
            return ExperimentTreatment.None;
        }
        List<ExperimentAssignment>? assignments = null;
        Ranking.RankingWeights? weights = null;
        ServingStrategy? strategy = null;
        string? modelVersion = null;
        foreach (var (definition, shares) in _experiments)
        {
            if (!definition.IsRunningAt(now))
            {
                continue;
            }
            var variant = definition.Variants[ExperimentBucket.Pick(ExperimentBucket.Of(definition.EffectiveSalt, userId), shares)];
            (assignments ??= []).Add(new ExperimentAssignment(definition.Id, variant.Name));
            weights ??= variant.Weights;
            strategy ??= variant.Strategy;
            modelVersion ??= variant.ModelVersion;
        }
        return assignments is null ? ExperimentTreatment.None : new ExperimentTreatment(assignments, weights, strategy, modelVersion);
    }
}
