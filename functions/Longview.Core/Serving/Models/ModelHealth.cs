namespace Longview.Core.Serving.Models;

/// <summary>
/// What the model source knows beyond <see cref="IModelSource.Current"/>: the fault of the last load attempt, if it
/// failed (a corrupt, missing or incompatible file of the promoted version), and since when. A fault does not stop
/// serving: the previously loaded version, or the popularity fallback, keeps answering.
/// </summary>
public sealed record ModelHealth(string? Fault, DateTimeOffset? FaultSince, string? Withdrawn)
{
    public static ModelHealth Healthy { get; } = new(null, null, null);
}

/// <summary>Implemented by model sources that watch the promoted model's files (the ONNX provider).</summary>
public interface IModelHealthSource
{
    ModelHealth Health { get; }
}
