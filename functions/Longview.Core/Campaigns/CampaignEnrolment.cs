using Longview.Core.Experiments;
using Longview.Core.Ports;

namespace Longview.Core.Campaigns;

/// <summary>
/// Enters today's audience of a running campaign: streams every profile once, decides membership with the one function
/// serving uses (<see cref="CampaignTargeting.Includes"/> over <see cref="CampaignTargeting.Member"/>), and records each included user in the exposure log under the
/// campaign's key with their arm (first entry wins: a member stays a member for the whole window). Lapsing users rarely
/// ask for recommendations, so entry cannot wait for a request; serving records the same entries when they do.
/// Memory: one page of entries.
/// </summary>
public sealed class CampaignEnrolment(IProfileStore profiles, CampaignTargeting campaigns, IExperimentExposureLog entries, TimeProvider time)
{
    private const int PageSize = 500;

    public async Task<CampaignEnrolmentReport> EnrolAsync(CampaignDefinition campaign, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (!campaign.IsRunningAt(now))
        {
            return new CampaignEnrolmentReport(campaign.Id, now, Running: false, 0, 0, 0);
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await campaigns.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<ExperimentExposure>(PageSize);
        long scanned = 0, treated = 0, held = 0;
        await foreach (var profile in profiles.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            scanned++;
            if (!campaigns.Includes(campaign, campaigns.Member(profile, today), now))
            {
                continue;
            }
            var arm = CampaignArm.Of(campaign, profile.UserId);
            _ = arm == CampaignArm.Treatment ? treated++ : held++;
            page.Add(new ExperimentExposure(campaign.LogKey, profile.UserId, arm, now));
            if (page.Count == PageSize)
            {
                await entries.RecordAsync(page, cancellationToken).ConfigureAwait(false);
                page.Clear();
            }
        }
        await entries.RecordAsync(page, cancellationToken).ConfigureAwait(false);
        return new CampaignEnrolmentReport(campaign.Id, now, Running: true, scanned, treated, held);
    }
}
