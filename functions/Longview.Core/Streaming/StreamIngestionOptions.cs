namespace Longview.Core.Streaming;

/// <summary>Settings of <see cref="EventStreamIngestion"/> (configuration section "Longview:Stream").</summary>
public sealed class StreamIngestionOptions
{
    public const string SectionName = "Longview:Stream";

    /// <summary>
    /// Valid events of a batch are aggregated together, at most this many per store round-trip (bounded memory and
    /// request size whatever the batch holds). Bounded to 1..100,000.
    /// </summary>
    public int MaxEventsPerPass { get; set; } = 5_000;

    /// <summary>
    /// When a pass fails for a permanent reason (typically one input the store cannot hold), it is split in halves and
    /// each half tried again, so that the bad events end in dead letters and the good ones land. This bounds the extra
    /// passes per batch (a systemic failure such as revoked access would otherwise cost two calls per event).
    /// Bounded to 0..1,000; 0 disables the isolation.
    /// </summary>
    public int MaxIsolationSplits { get; set; } = 64;
}
