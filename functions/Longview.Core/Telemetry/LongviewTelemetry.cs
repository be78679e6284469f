using System.Diagnostics;

namespace Longview.Core.Telemetry;

/// <summary>
/// The one telemetry name of the product: the <see cref="System.Diagnostics.Metrics.Meter"/> of
/// <see cref="LongviewMetrics"/> and the <see cref="ActivitySource"/> of its spans, which the hosts subscribe to by
/// this name (OpenTelemetry's <c>AddMeter(LongviewTelemetry.Name)</c> / <c>AddSource(LongviewTelemetry.Name)</c>).
/// System.Diagnostics only: Core knows no exporter. User ids are never tags.
/// </summary>
public static class LongviewTelemetry
{
    public const string Name = "Longview";

    /// <summary>Spans of the use cases (ingest a batch, serve a list, run a job step); free when nobody listens.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);
}
