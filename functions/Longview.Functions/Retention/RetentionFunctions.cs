using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Retention.Jobs;
using Longview.Core.Workflows;
using Longview.Functions.Training;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Longview.Functions.Retention;

/// <summary>
/// The retention job on Durable Functions: a timer on the <c>Longview__Retention__Schedule</c> setting (and POST
/// /api/retention/runs, Triggers/RetentionRunsApi, for a backfill) starts the orchestration with the range and the settings of that moment
/// (<see cref="RetentionRunRange"/>), which runs Core's <see cref="RetentionWorkflow"/> through
/// <see cref="DurableWorkflowContext"/>: one activity per as-of day, each Core's <see cref="RetentionRunDayStep"/>
/// (one streaming scan of the profiles, then the reports store + blob copies), retried by the captured policy.
/// Re-running a day overwrites the same reports, so overlapping runs are harmless. Registration: AddRetentionJob() + AddCosmosReportStore().
/// </summary>
public sealed class RetentionFunctions(RetentionRunDayStep runDay, LifecycleRunDayStep lifecycleDay, RetentionJobOptions options, TimeProvider time)
{
    public const string Orchestrator = "RetentionJob";

    [Function(Orchestrator)]
    public Task<IReadOnlyList<RetentionDaySummary>> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RetentionWorkflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<RetentionRunRange>()!);

    [Function(RetentionWorkflow.RunDayStep)]
    public Task<RetentionDaySummary> RunDay([ActivityTrigger] string asOf, CancellationToken ct) => StepSpans.RunAsync(runDay, asOf, ct);

    /// <summary>The daily lifecycle job (models, member lists, lifecycle reports) after the last day's reports.</summary>
    [Function(LifecycleWorkflow.RunDayStep)]
    public Task<LifecycleDaySummary> RunLifecycleDay([ActivityTrigger] string asOf, CancellationToken ct) => StepSpans.RunAsync(lifecycleDay, asOf, ct);

    /// <summary>
    /// At the times of the Longview__Retention__Schedule setting (by default 00:15 UTC), as of the day that ended; the run
    /// on the 1st closes the previous month. The self-hosted scheduler reads the same setting.
    /// </summary>
    [Function("RetentionSchedule")]
    public Task Schedule([TimerTrigger("%Longview__Retention__Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        var asOf = RetentionSchedule.AsOfFor(time.GetUtcNow());
        return StartAsync(client, RetentionRunRange.Capture(asOf, asOf, options), ct);
    }

    /// <summary>Each start is its own instance: two runs of one day write the same reports, so overlap is harmless.</summary>
    public static Task<string> StartAsync(DurableTaskClient client, RetentionRunRange range, CancellationToken ct) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            Orchestrator, range, new StartOrchestrationOptions(range.InstanceId(Guid.NewGuid())), ct);
}
