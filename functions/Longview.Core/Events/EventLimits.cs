using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Events;

/// <summary>
/// Limits of the event contract. Every input has a bound so that one producer cannot exhaust memory or write
/// absurd data into profiles; each violation is reported precisely (per event, or for the whole body).
/// </summary>
public sealed class EventLimits
{
    public const string SectionName = "Longview:Events";

    /// <summary>Largest request body accepted (bigger: 413 for the whole body).</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most events in one batch (more: 413 for the whole body).</summary>
    [Range(1, 1_000_000)]
    public int MaxEventsPerBatch { get; set; } = 10_000;

    [Range(0, 1024)]

    public int MaxContextEntries { get; set; } = 16;

    [Range(1, 4096)]

    public int MaxContextKeyLength { get; set; } = 64;

    [Range(1, 65_536)]

    public int MaxContextValueLength { get; set; } = 256;

    /// <summary>Largest absolute <c>value</c> (it must also be finite).</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double MaxAbsValue { get; set; } = 1e9;

    /// <summary>How far after the injected clock's now a timestamp may be (producer clock skew).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timestamps before this are refused (default 1990-01-01T00:00:00Z).</summary>
    public DateTimeOffset MinTimestamp { get; set; } = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
