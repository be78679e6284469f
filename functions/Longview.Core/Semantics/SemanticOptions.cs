namespace Longview.Core.Semantics;

/// <summary>Item text encoding (section <c>Longview:Semantics</c>).</summary>
public sealed class SemanticOptions
{
    public const string SectionName = "Longview:Semantics";

    /// <summary>Off: no encoder is loaded (it costs ~90 MB of memory), items are stored without embeddings.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Texts per encoder call.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Items waiting to be encoded in the self-hosted queue; beyond it they wait for the next sweep.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often the whole catalogue is checked for items without a current embedding (lost queue entries, edits by another process).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The first sweep after start waits this long, so a start (or a test host) is not slowed by a backfill.</summary>
    public TimeSpan InitialSweepDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Items one Azure sweep (the <c>EmbedItems</c> timer) encodes at most, newest first; the rest wait for the next
    /// tick, so a backfill of a large import never runs into the function timeout (about 30 items/s per core).
    /// </summary>
    public int MaxItemsPerSweep { get; set; } = 2_000;

    /// <summary>The first setting out of range, named with its limits; null when all are valid.</summary>
    public string? Problem() =>
        BatchSize is < 1 or > 1024 ? $"Longview:Semantics:BatchSize must be 1..1024, was {BatchSize}"
        : QueueCapacity is < 1 or > 1_000_000 ? $"Longview:Semantics:QueueCapacity must be 1..1000000, was {QueueCapacity}"
        : MaxItemsPerSweep is < 1 or > 1_000_000 ? $"Longview:Semantics:MaxItemsPerSweep must be 1..1000000, was {MaxItemsPerSweep}"
        : InitialSweepDelay < TimeSpan.Zero ? $"Longview:Semantics:InitialSweepDelay must not be negative, was {InitialSweepDelay}"
        : SweepInterval < TimeSpan.FromSeconds(10) || SweepInterval > TimeSpan.FromDays(7) ? $"Longview:Semantics:SweepInterval must be 00:00:10..7.00:00:00, was {SweepInterval}"
        : null;
}
