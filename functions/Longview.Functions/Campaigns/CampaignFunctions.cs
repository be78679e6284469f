using Longview.Core.Campaigns;
using Longview.Core.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Campaigns;

/// <summary>
/// Daily campaign enrolment as the Durable activity the retention orchestration calls after the lifecycle job
/// (<see cref="Longview.Core.Retention.Jobs.RetentionWorkflow"/>): Core's <see cref="CampaignEnrolDayStep"/>. Idempotent:
/// the first entry of a member wins.
/// </summary>
public sealed class CampaignFunctions(CampaignEnrolDayStep enrolDay)
{
    [Function(CampaignWorkflow.EnrolDayStep)]
    public Task<CampaignEnrolmentDay> EnrolDay([ActivityTrigger] string asOf, CancellationToken ct) => StepSpans.RunAsync(enrolDay, asOf, ct);
}
