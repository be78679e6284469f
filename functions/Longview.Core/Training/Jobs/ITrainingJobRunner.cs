namespace Longview.Core.Training.Jobs;

/// <summary>
/// Runs the training job somewhere: a local child process (self-hosted) or a Container Apps job (Azure). Starting
/// returns at once with an execution id that the pipeline polls.
/// </summary>
public interface ITrainingJobRunner
{
    /// <summary>
    /// The execution already started for <paramref name="runId"/> (any state), or null: what makes starting idempotent,
    /// since a workflow step may run twice (the first run's answer lost to a crash or a timeout).
    /// </summary>
    Task<string?> FindAsync(string runId, CancellationToken cancellationToken);

    Task<string> StartAsync(TrainingJobRequest request, CancellationToken cancellationToken);

    Task<TrainingJobStatus> GetStatusAsync(string executionId, CancellationToken cancellationToken);

    /// <summary>Stops the execution (timeout or cancelled run); no-op when it has ended.</summary>
    Task StopAsync(string executionId, CancellationToken cancellationToken);
}
