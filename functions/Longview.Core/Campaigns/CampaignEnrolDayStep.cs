using Longview.Core.Workflows;

namespace Longview.Core.Campaigns;

/// <summary>
/// The workflow's step: every configured campaign's enrolment pass (<see cref="CampaignEnrolment.EnrolAsync"/>), so a
/// campaign's audience is entered each day without a scheduler calling the route. Idempotent: the first entry of a
/// user wins, a re-run only counts again. The input day (yyyy-MM-dd) names the run; the campaigns' windows are read at
/// the time the step runs, as the route does.
/// </summary>
public sealed class CampaignEnrolDayStep(CampaignTargeting campaigns, CampaignEnrolment enrolment) : IWorkflowStep<string, CampaignEnrolmentDay>
{
    public string Name => CampaignWorkflow.EnrolDayStep;

    public async Task<CampaignEnrolmentDay> RunAsync(string input, CancellationToken cancellationToken)
    {
        var reports = new List<CampaignEnrolmentReport>();
        foreach (var campaign in campaigns.Definitions)
        {
            reports.Add(await enrolment.EnrolAsync(campaign, cancellationToken).ConfigureAwait(false));
        }
        return new CampaignEnrolmentDay(input, reports);
    }
}
