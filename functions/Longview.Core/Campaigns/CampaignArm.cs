using Longview.Core.Experiments;

namespace Longview.Core.Campaigns;

/// <summary>The two arms of a campaign; the wire names are what the members export, the results and the lists show.</summary>
public static class CampaignArm
{
    public const string Treatment = "treatment";

    public const string Holdout = "holdout";

    /// <summary>Holdout when the salted hash of the user id falls below the holdout share: a pure function, like experiments.</summary>
    public static string Of(CampaignDefinition campaign, string userId) =>
        ExperimentBucket.Of(campaign.EffectiveSalt, userId) < campaign.HoldoutShare ? Holdout : Treatment;
}
