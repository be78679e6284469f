namespace Longview.Api;

/// <summary>The answer of GET /api/campaigns.</summary>
public sealed record CampaignList(IReadOnlyList<CampaignSummary> Campaigns);
