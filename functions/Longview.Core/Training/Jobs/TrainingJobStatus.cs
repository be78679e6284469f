namespace Longview.Core.Training.Jobs;

public enum TrainingJobState { Running, Succeeded, Failed }

/// <summary>What a runner knows about one execution; <see cref="Detail"/> says why it failed (or its provider state).</summary>
public sealed record TrainingJobStatus(TrainingJobState State, string? Detail = null);
