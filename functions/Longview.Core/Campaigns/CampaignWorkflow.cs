namespace Longview.Core.Campaigns;

/// <summary>
/// Daily enrolment as a workflow step: the retention workflow calls it after the lifecycle job of its last day (the
/// audiences read that day's lifecycle scores) and before the outcome job
/// (<see cref="Retention.Jobs.RetentionRunRange.Campaigns"/>), as a Durable activity in Azure and in-process in the
/// self-hosted host. <c>POST /api/campaigns/{id}/enrolments</c> runs the same pass on demand.
/// </summary>
public static class CampaignWorkflow
{
    public const string EnrolDayStep = "CampaignsEnrolDay";
}
