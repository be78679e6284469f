using Longview.Core.Training.Runs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Longview.Functions.Training;

/// <summary>Starts the orchestration with the run id as instance id (one instance per run, idempotent restarts).</summary>
public sealed class DurableTrainingLauncher(DurableTaskClient client) : ITrainingRunLauncher
{
    public Task LaunchAsync(TrainingRunRecord run, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(TrainingFunctions.Orchestrator, run, new StartOrchestrationOptions(run.RunId), cancellationToken);
}
