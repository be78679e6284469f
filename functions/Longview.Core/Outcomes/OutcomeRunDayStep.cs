using Longview.Core.Retention.Jobs;
using Longview.Core.Workflows;

namespace Longview.Core.Outcomes;

/// <summary>The workflow's step: <see cref="ListOutcomeJob.RunAsync"/> as of one day (yyyy-MM-dd).</summary>
public sealed class OutcomeRunDayStep(ListOutcomeJob job) : IWorkflowStep<string, OutcomeDaySummary>
{
    public string Name => OutcomeWorkflow.RunDayStep;

    public Task<OutcomeDaySummary> RunAsync(string input, CancellationToken cancellationToken) =>
        job.RunAsync(RetentionWorkflow.Day(input, "asOf"), cancellationToken);
}
