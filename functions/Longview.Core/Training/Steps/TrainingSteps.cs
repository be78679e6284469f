namespace Longview.Core.Training.Steps;

/// <summary>Step (activity) names of the training pipeline; the Durable activities carry the same names.</summary>
public static class TrainingSteps
{
    public const string SnapshotPart = "TrainingSnapshotPart";
    public const string SnapshotCommit = "TrainingSnapshotCommit";
    public const string StartJob = "TrainingStartJob";
    public const string JobStatus = "TrainingJobStatus";
    public const string StopJob = "TrainingStopJob";
    public const string ReadCandidate = "TrainingReadCandidate";
    public const string ReadChampion = "TrainingReadChampion";
    public const string EvaluateChampion = "TrainingEvaluateChampion";
    public const string Promote = "TrainingPromote";
    public const string SaveRun = "TrainingSaveRun";
}
