namespace Longview.Core.Training.Runs;

public enum TrainingRunStatus
{
    Queued,
    Running,

    /// <summary>The candidate now serves.</summary>
    Promoted,

    /// <summary>The candidate was trained and evaluated but did not beat the champion.</summary>
    Rejected,

    /// <summary>The run ended early (job failure, timeout, bad metrics, lost promotion race); the champion is untouched.</summary>
    Failed,
}
