using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Longview.Functions.Training;

/// <summary>Starts the orchestration with the run id as instance id (one instance per run, idempotent restarts).</summary>
public sealed class DurableTrainingLauncher(DurableTaskClient client) : ITrainingRunLauncher
{
    public Task LaunchAsync(TrainingPipelineInput input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(TrainingFunctions.Orchestrator, input, new StartOrchestrationOptions(input.Run.RunId), cancellationToken);
}
