namespace Longview.Core.Training.Runs;

/// <summary>Starts the pipeline workflow for a queued run and returns at once (Durable orchestration, or in-process).</summary>
public interface ITrainingRunLauncher
{
    Task LaunchAsync(TrainingPipelineInput input, CancellationToken cancellationToken);
}
