namespace Longview.Core.Training.Runs;

/// <summary>Starts the pipeline workflow for a queued run and returns at once (Durable orchestration, or in-process).</summary>
public interface ITrainingRunLauncher
{
    Task LaunchAsync(TrainingRunRecord run, CancellationToken cancellationToken);
}
