using Longview.Core.Experiments;
using Longview.Core.Experiments.Results;

namespace Longview.Core.Campaigns;

/// <summary>
/// A campaign's results are an experiment readout of its two arms (holdout as control), over the users it entered:
/// reactivation, D1/D7/D30 return, active days, sessions, clicks and value per user, treatment against holdout with
/// 95% intervals, CUPED on the pre-period activity, the sample ratio against the holdout share.
/// </summary>
public sealed class CampaignReadouts(CampaignTargeting campaigns, ExperimentResults results)
{
    /// <summary>Null when no campaign has that id.</summary>
    public async Task<ExperimentReadout?> ComputeAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        if (campaigns.Find(campaignId) is not { } campaign)
        {
            return null;
        }
        var arms = new ExperimentDefinition
        {
            Id = campaign.Id,
            Description = campaign.Description,
            Start = campaign.Start,
            End = campaign.End,
            Control = CampaignArm.Holdout,
            Variants =
            [
                new ExperimentVariant { Name = CampaignArm.Holdout, Share = campaign.HoldoutShare },
                new ExperimentVariant { Name = CampaignArm.Treatment, Share = 1 - campaign.HoldoutShare },
            ],
        };
        return await results.ComputeAsync(arms, campaign.LogKey, cancellationToken).ConfigureAwait(false);
    }
}
