using Longview.Core.Training.Promotion;

namespace Longview.Core.Training.Steps;

/// <summary>
/// The serving model as the pointer names it: <see cref="ETag"/> is the pointer's (null when there is no pointer, so the
/// first promotion writes with IfNoneExists); <see cref="RecordedMetrics"/> are the metrics stored at its promotion.
/// </summary>
public sealed record ChampionReport(string? Version, string? Path, string? ETag, ModelMetrics? RecordedMetrics, string? Problem);
