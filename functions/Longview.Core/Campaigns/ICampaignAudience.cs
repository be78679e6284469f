namespace Longview.Core.Campaigns;

/// <summary>
/// Whether a user belongs to a campaign's audience today. Pure and synchronous: serving asks it on every request of a
/// running campaign, and the enrolment pass asks it for every profile. The lifecycle job's segments (RFM tiers,
/// value-at-risk bands) come in as another implementation, chosen by an <see cref="ICampaignAudienceProvider"/>.
/// </summary>
public interface ICampaignAudience
{
    bool Includes(AudienceMember member);
}
