namespace Longview.Core.Training.Jobs;

/// <summary>
/// Runs the training job somewhere: a local child process (self-hosted) or a Container Apps job (Azure). Starting
/// returns at once with an execution id that the pipeline polls.
/// </summary>
public interface ITrainingJobRunner
{
    Task<string> StartAsync(TrainingJobRequest request, CancellationToken cancellationToken);

    Task<TrainingJobStatus> GetStatusAsync(string executionId, CancellationToken cancellationToken);

    /// <summary>Stops the execution (timeout or cancelled run); no-op when it has ended.</summary>
    Task StopAsync(string executionId, CancellationToken cancellationToken);
}
