using System.ComponentModel.DataAnnotations;

namespace Longview.Infrastructure.Erasure;

/// <summary>Where erasures are recorded and how dead letters are scanned (configuration section "Erasure").</summary>
public sealed class ErasureStoreOptions : IValidatableObject
{
    public const string SectionName = "Erasure";

    /// <summary>Container of the erasure log: one small JSON blob per erasure, named by the user's hash.</summary>
    public string Container { get; set; } = "erasures";

    /// <summary>Largest dead letter read while scanning (letters are capped at 1 M characters when written); bigger ones are deleted unread.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLetterBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Dead letters read at once while scanning.</summary>
    [Range(1, 1024)]
    public int MaxParallelReads { get; set; } = 8;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Blob.BlobNames.ContainerProblem(Container) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Container)]);
        }
    }
}
