namespace Longview.Api;

/// <summary>One page of GET /api/campaigns/{campaignId}/members: the treated members, the message payload and the next page's cursor.</summary>
public sealed record CampaignMembersPage(
    string CampaignId,
    string Arm,
    IReadOnlyDictionary<string, string> Message,
    IReadOnlyList<CampaignMember> Members,
    string? NextCursor);
