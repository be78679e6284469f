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
}
