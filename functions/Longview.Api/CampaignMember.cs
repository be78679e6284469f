namespace Longview.Api;

/// <summary>A treated member of a campaign and when they entered it.</summary>
public sealed record CampaignMember(string UserId, DateTimeOffset EnteredAt);
