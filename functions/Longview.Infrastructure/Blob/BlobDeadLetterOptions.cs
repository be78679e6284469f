using System.ComponentModel.DataAnnotations;

namespace Longview.Infrastructure.Blob;

/// <summary>Dead-letter settings (configuration section "DeadLetters").</summary>
public sealed class BlobDeadLetterOptions : IValidatableObject
{
    public const string SectionName = "DeadLetters";

    public string Container { get; set; } = "deadletter";

    /// <summary>Raw payloads longer than this many characters are cut (and marked so); a letter must never be unbounded.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPayloadChars { get; set; } = 1024 * 1024;

    /// <summary>Letters written at once.</summary>
    [Range(1, 1024)]
    public int MaxParallelWrites { get; set; } = 8;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Blob.BlobNames.ContainerProblem(Container) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Container)]);
        }
    }
}
