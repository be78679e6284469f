namespace Longview.Api;

/// <summary>One of the user's recent item events (impressions excluded), newest first in <see cref="PublicProfile.Recent"/>.</summary>
public sealed record PublicRecentEvent(string ItemId, string Type, DateTimeOffset Timestamp, double? Value);
