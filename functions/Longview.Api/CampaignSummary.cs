using Longview.Core.Campaigns;

namespace Longview.Api;

/// <summary>A campaign as configured, with its status now: scheduled, running or ended.</summary>
public sealed record CampaignSummary(
    string Id,
    string? Description,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    double HoldoutShare,
    CampaignAudienceOptions Audience,
    CampaignTreatment Treatment)
{
    public static CampaignSummary Of(CampaignDefinition campaign, DateTimeOffset now) =>
        new(campaign.Id, campaign.Description, campaign.Start, campaign.End,
            now < campaign.Start ? "scheduled" : now < campaign.End ? "running" : "ended",
            campaign.HoldoutShare, campaign.Audience, campaign.Treatment);
}
