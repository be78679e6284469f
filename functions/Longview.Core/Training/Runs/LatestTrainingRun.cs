namespace Longview.Core.Training.Runs;

/// <summary>
/// The run the latest-run marker names, <see cref="Run"/> null when its record was never written (a starter that
/// crashed between the two writes); <see cref="Version"/> is the marker's version for the next conditional write.
/// </summary>
public sealed record LatestTrainingRun(string RunId, TrainingRunRecord? Run, string Version);
