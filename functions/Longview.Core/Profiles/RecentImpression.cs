using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>One retained impression (fatigue input). <see cref="EventKey"/> (hash of the eventId) orders equal timestamps.</summary>
[JsonConverter(typeof(RecentImpressionJsonConverter))]
public sealed record RecentImpression(string ItemId, DateTimeOffset Timestamp, ulong EventKey)
{
    /// <summary>The impressions window's order, oldest first: by time, then by key.</summary>
    public static readonly Comparison<RecentImpression> Order = (a, b) =>
    {
        var byTime = a.Timestamp.UtcTicks.CompareTo(b.Timestamp.UtcTicks);
        return byTime != 0 ? byTime : a.EventKey.CompareTo(b.EventKey);
    };
}

/// <summary>How often an item was shown without the user engaging with it since (read side of the impressions window).</summary>
public sealed record ItemFatigue(string ItemId, int ImpressionsSinceEngagement, DateTimeOffset LastImpression);
