namespace Longview.Core.Campaigns;

/// <summary>Builds each campaign's audience from its definition; replace it to offer other kinds of audiences.</summary>
public interface ICampaignAudienceProvider
{
    ICampaignAudience For(CampaignDefinition campaign);
}
