using Longview.Core.Outcomes;
using Longview.Core.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Outcomes;

/// <summary>
/// The daily outcome job as the Durable activity the retention orchestration calls after its last day
/// (<see cref="Longview.Core.Retention.Jobs.RetentionWorkflow"/>): Core's <see cref="OutcomeRunDayStep"/>, which stores
/// the list outcome report of the newest serving day whose windows have closed. Idempotent: a re-run overwrites the blob.
/// </summary>
public sealed class OutcomeFunctions(OutcomeRunDayStep runDay)
{
    [Function(OutcomeWorkflow.RunDayStep)]
    public Task<OutcomeDaySummary> RunDay([ActivityTrigger] string asOf, CancellationToken ct) => StepSpans.RunAsync(runDay, asOf, ct);
}
