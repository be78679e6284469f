using Longview.Core.Training.Jobs;
using Longview.Core.Workflows;

namespace Longview.Core.Training.Steps;

/// <summary>
/// Starts the training job; answers the execution id. Idempotent: an execution already started for this run (this step
/// ran before and its answer was lost) is answered instead of starting a second GPU job and orphaning the first.
/// </summary>
public sealed class StartJobStep(ITrainingJobRunner runner) : IWorkflowStep<TrainingJobRequest, string>
{
    public string Name => TrainingSteps.StartJob;

    public async Task<string> RunAsync(TrainingJobRequest input, CancellationToken cancellationToken) =>
        await runner.FindAsync(input.RunId, cancellationToken).ConfigureAwait(false)
        ?? await runner.StartAsync(input, cancellationToken).ConfigureAwait(false);
}

/// <summary>One status poll of an execution.</summary>
public sealed class JobStatusStep(ITrainingJobRunner runner) : IWorkflowStep<string, TrainingJobStatus>
{
    public string Name => TrainingSteps.JobStatus;

    public Task<TrainingJobStatus> RunAsync(string executionId, CancellationToken cancellationToken) => runner.GetStatusAsync(executionId, cancellationToken);
}

/// <summary>Stops an execution that ran out of time.</summary>
public sealed class StopJobStep(ITrainingJobRunner runner) : IWorkflowStep<string, bool>
{
    public string Name => TrainingSteps.StopJob;

    public async Task<bool> RunAsync(string executionId, CancellationToken cancellationToken)
    {
        await runner.StopAsync(executionId, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
