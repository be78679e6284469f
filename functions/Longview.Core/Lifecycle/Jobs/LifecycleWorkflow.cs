using Longview.Core.Retention.Jobs;
using Longview.Core.Workflows;

namespace Longview.Core.Lifecycle.Jobs;

/// <summary>
/// The lifecycle job as a workflow step: the retention workflow calls it after the reports of its last day
/// (<see cref="RetentionRunRange.Lifecycle"/>), as a Durable activity in Azure and in-process in the self-hosted host.
/// </summary>
public static class LifecycleWorkflow
{
    public const string RunDayStep = "LifecycleRunDay";
}

/// <summary>The workflow's step: Core's <see cref="LifecycleJob.RunAsync"/> for one as-of day (yyyy-MM-dd).</summary>
public sealed class LifecycleRunDayStep(LifecycleJob job) : IWorkflowStep<string, LifecycleDaySummary>
{
    public string Name => LifecycleWorkflow.RunDayStep;

    public Task<LifecycleDaySummary> RunAsync(string input, CancellationToken cancellationToken) =>
        job.RunAsync(RetentionWorkflow.Day(input, "asOf"), cancellationToken);
}
