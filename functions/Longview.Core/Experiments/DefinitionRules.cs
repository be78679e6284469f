using System.Text.RegularExpressions;
using Longview.Core.Ranking;

namespace Longview.Core.Experiments;

/// <summary>
/// The rules experiments and campaigns share (an id, a window, a ranking-weights preset), written once so the two
/// validations cannot drift apart. Each answer is the problem in words, or null.
/// </summary>
public static partial class DefinitionRules
{
    public const int MaxIdLength = 40;

    public static string? IdProblem(string id) =>
        IdPattern().IsMatch(id) ? null : $"must be 1-{MaxIdLength} lowercase letters, digits or '-', was '{id}'";

    /// <summary>The problem of a [start, end) window, with the setting path it belongs to.</summary>
    public static string? WindowProblem(string path, DateTimeOffset start, DateTimeOffset end) =>
        start == default || end == default ? $"{path}: Start and End are required (ISO-8601 with an offset)"
        : end <= start ? $"{path}:End: must be after Start ({start:O}), was {end:O}"
        : null;

    /// <summary>Every weight finite, the exploration shares in [0, 1]: "Name: why", or null.</summary>
    public static string? WeightsProblem(RankingWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (name, value) in new[]
                 {
                     ("Diversity", weights.Diversity), ("Novelty", weights.Novelty), ("Fatigue", weights.Fatigue),
                     ("ChurnExplorationBoost", weights.ChurnExplorationBoost),
                 })
        {
            if (!double.IsFinite(value))
            {
                return $"{name}: must be a finite number, was {value}";
            }
        }
        foreach (var (name, value) in new[] { ("ExplorationShare", weights.ExplorationShare), ("MaxExplorationShare", weights.MaxExplorationShare) })
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                return $"{name}: must be in [0, 1], was {value}";
            }
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex IdPattern();
}
