using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Streaming;

/// <summary>Settings of <see cref="EventStreamIngestion"/> (configuration section "Longview:Stream").</summary>
public sealed class StreamIngestionOptions
{
    public const string SectionName = "Longview:Stream";

    /// <summary>
    /// Valid events of a batch are aggregated together, at most this many per store round-trip (bounded memory and
    /// request size whatever the batch holds). Bounded to 1..100,000.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxEventsPerPass { get; set; } = 5_000;

    /// <summary>
    /// When a pass fails for a permanent reason (typically one input the store cannot hold), it is split in halves and
    /// each half tried again, so that the bad events end in dead letters and the good ones land. This bounds the extra
    /// passes per batch (a systemic failure such as revoked access would otherwise cost two calls per event).
    /// Bounded to 0..1,000; 0 disables the isolation.
    /// </summary>
    [Range(0, 1000)]
    public int MaxIsolationSplits { get; set; } = 64;

    /// <summary>
    /// When the invocation is cancelled (host shutdown, lost partition, timeout) before every event is stored, the
    /// events not yet confirmed are written to the dead-letter store for at most this long before the cancellation
    /// propagates: Event Hubs extension 5.1.0 checkpoints a cancelled invocation too, so they must be kept somewhere.
    /// Bounded to 0..300 seconds; 0 skips that last write.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);
}
