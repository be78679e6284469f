using Longview.Core.Ranking;

namespace Longview.Core.Experiments;

/// <summary>
/// One arm of an experiment: its share of the experiment's users and what it changes. A variant that sets nothing
/// serves the product's defaults (a control, or one arm of an A/A test).
/// </summary>
public sealed class ExperimentVariant
{
    /// <summary>The variant's name as it appears in responses, impression events and results (e.g. "control").</summary>
    public string Name { get; set; } = "";

    /// <summary>Share of the experiment's users, in (0, 1]; the shares of an experiment add up to 1.</summary>
    public double Share { get; set; }

    /// <summary>A ranking-weights preset used for every lifecycle segment instead of the per-segment weights.</summary>
    public RankingWeights? Weights { get; set; }

    /// <summary>How the candidate pool is built; null keeps the product's default (<see cref="ServingStrategy.Model"/>).</summary>
    public ServingStrategy? Strategy { get; set; }

    /// <summary>
    /// A model version from the model store (the folder name <c>models/current.json</c> would name) to serve this
    /// variant with; while that version is not loadable the variant gets the serving model (control's), and the
    /// response's <c>modelVersion</c> says which one answered. Null serves the promoted model.
    /// </summary>
    public string? ModelVersion { get; set; }
}
