using Longview.Core.Events;
using Microsoft.Extensions.Options;

namespace Longview.Core.Experiments;

/// <summary>
/// The rules an experiment list must satisfy before either host starts: each failure names the setting
/// (<c>Longview:Experiments:Definitions:0:Variants:1:Share</c>) and why. Overlapping experiments may not both change
/// the ranking weights or both change the strategy: a user in both would get one of them, and the other experiment's
/// arms would differ in nothing.
/// </summary>
public sealed class ExperimentOptionsValidation : IValidateOptions<ExperimentOptions>
{
    /// <summary>Every assignment travels in an impression's context (at most 16 entries by the event contract).</summary>
    public const int MaxExperiments = 16;

    public const int MaxIdLength = DefinitionRules.MaxIdLength;

    private const double ShareTolerance = 1e-9;

    public ValidateOptionsResult Validate(string? name, ExperimentOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Problems(ExperimentOptions options)
    {
        var root = ExperimentOptions.SectionName + ":Definitions";
        if (options.Definitions.Count > MaxExperiments)
        {
            yield return $"{root}: at most {MaxExperiments} experiments (each assignment is an impression context entry), got {options.Definitions.Count}";
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Definitions.Count; i++)
        {
            var path = $"{root}:{i}";
            var definition = options.Definitions[i];
            if (DefinitionRules.IdProblem(definition.Id) is { } idProblem)
            {
                yield return $"{path}:Id: {idProblem}";
            }
            else if (!ids.Add(definition.Id))
            {
                yield return $"{path}:Id: '{definition.Id}' is already the id of another experiment";
            }
            if (DefinitionRules.WindowProblem(path, definition.Start, definition.End) is { } windowProblem)
            {
                yield return windowProblem;
            }
            foreach (var problem in VariantProblems(path, definition))
            {
                yield return problem;
            }
        }
        foreach (var problem in OverlapProblems(root, options.Definitions))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> VariantProblems(string path, ExperimentDefinition definition)
    {
        if (definition.Variants.Count < 2)
        {
            yield return $"{path}:Variants: an experiment needs at least 2 variants, got {definition.Variants.Count}";
            yield break;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var total = 0d;
        for (var j = 0; j < definition.Variants.Count; j++)
        {
            var variant = definition.Variants[j];
            var at = $"{path}:Variants:{j}";
            if (IdRule.Problem(variant.Name) is { } problem || variant.Name.Length > 64)
            {
                yield return $"{at}:Name: {(variant.Name.Length > 64 ? "at most 64 characters" : IdRule.Problem(variant.Name))}";
            }
            else if (!names.Add(variant.Name))
            {
                yield return $"{at}:Name: '{variant.Name}' names another variant of this experiment";
            }
            if (!double.IsFinite(variant.Share) || variant.Share <= 0 || variant.Share > 1)
            {
                yield return $"{at}:Share: must be in (0, 1], was {variant.Share}";
            }
            total += variant.Share;
            if (variant.ModelVersion is { } version && !Serving.Models.ModelPointer.IsSafeVersion(version))
            {
                yield return $"{at}:ModelVersion: '{version}' is not a model version folder name (1-{Serving.Models.ModelPointer.MaxVersionLength} characters, no '/', '\\' or control characters)";
            }
            if (variant.Weights is { } weights && DefinitionRules.WeightsProblem(weights) is { } weightsProblem)
            {
                yield return $"{at}:Weights:{weightsProblem}";
            }
        }
        if (Math.Abs(total - 1) > ShareTolerance)
        {
            yield return $"{path}:Variants: the shares must add up to 1, they add up to {total}";
        }
        if (!names.Contains(definition.Control))
        {
            yield return $"{path}:Control: '{definition.Control}' is not one of the variants ({string.Join(", ", definition.Variants.Select(v => v.Name))})";
        }
    }

    private static IEnumerable<string> OverlapProblems(string root, List<ExperimentDefinition> definitions)
    {
        for (var a = 0; a < definitions.Count; a++)
        {
            for (var b = a + 1; b < definitions.Count; b++)
            {
                var (first, second) = (definitions[a], definitions[b]);
                if (first.Start >= second.End || second.Start >= first.End)
                {
                    continue;
                }
                if (first.Variants.Any(v => v.Weights is not null) && second.Variants.Any(v => v.Weights is not null))
                {
                    yield return $"{root}:{b}: '{second.Id}' and '{first.Id}' overlap in time and both change the ranking weights; run them one after the other";
                }
                if (first.Variants.Any(v => v.ModelVersion is not null) && second.Variants.Any(v => v.ModelVersion is not null))
                {
                    yield return $"{root}:{b}: '{second.Id}' and '{first.Id}' overlap in time and both pin a model version; run them one after the other";
                }
                if (first.Variants.Any(v => v.Strategy is not null) && second.Variants.Any(v => v.Strategy is not null))
                {
                    yield return $"{root}:{b}: '{second.Id}' and '{first.Id}' overlap in time and both change the strategy; run them one after the other";
                }
            }
        }
    }
}
