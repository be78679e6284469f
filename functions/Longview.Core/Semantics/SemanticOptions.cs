using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Semantics;

/// <summary>Item text encoding (section <c>Longview:Semantics</c>).</summary>
public sealed class SemanticOptions : IValidatableObject
{
    public const string SectionName = "Longview:Semantics";

    /// <summary>Off: no encoder is loaded (it costs ~90 MB of memory), items are stored without embeddings.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Texts per encoder call.</summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Items waiting to be encoded in the self-hosted queue; beyond it they wait for the next sweep.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often the whole catalogue is checked for items without a current embedding (lost queue entries, edits by another process).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The first sweep after start waits this long, so a start (or a test host) is not slowed by a backfill.</summary>
    public TimeSpan InitialSweepDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Items one Azure sweep (the <c>EmbedItems</c> timer) encodes at most, newest first; the rest wait for the next
    /// tick, so a backfill of a large import never runs into the function timeout (about 30 items/s per core).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxItemsPerSweep { get; set; } = 2_000;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (InitialSweepDelay < TimeSpan.Zero)
        {
            yield return new ValidationResult($"InitialSweepDelay must not be negative, was {InitialSweepDelay}");
        }
        if (SweepInterval < TimeSpan.FromSeconds(10) || SweepInterval > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult($"SweepInterval must be 00:00:10..7.00:00:00, was {SweepInterval}");
        }
    }
}
