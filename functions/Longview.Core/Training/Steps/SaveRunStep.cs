using Longview.Core.Training.Runs;
using Longview.Core.Workflows;

namespace Longview.Core.Training.Steps;

public sealed class SaveRunStep(ITrainingRunStore store) : IWorkflowStep<TrainingRunRecord, bool>
{
    public string Name => TrainingSteps.SaveRun;

    public async Task<bool> RunAsync(TrainingRunRecord input, CancellationToken cancellationToken)
    {
        await store.SaveAsync(input, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
