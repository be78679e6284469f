using Longview.Core.Ranking;

namespace Longview.Core.Experiments;

/// <summary>
/// What serving does for one user because of the experiments running now: their assignments, and the ranking weights,
/// strategy and model version the assigned variants set (null where none sets them; validation keeps running
/// experiments from setting the same one).
/// </summary>
public sealed record ExperimentTreatment(IReadOnlyList<ExperimentAssignment> Assignments, RankingWeights? Weights, ServingStrategy? Strategy, string? ModelVersion = null)
{
    public static readonly ExperimentTreatment None = new([], null, null);
}
