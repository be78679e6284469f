namespace Longview.Core.Campaigns;

/// <summary>The default provider: every campaign's audience is its lifecycle segments and risk band.</summary>
public sealed class LifecycleAudienceProvider : ICampaignAudienceProvider
{
    public ICampaignAudience For(CampaignDefinition campaign) => new LifecycleAudience(campaign.Audience);
}
