using System.ComponentModel.DataAnnotations;
using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>
/// Bounds and knobs of <see cref="ProfileAggregator"/>. Every collection in a profile is capped, so a profile's
/// serialized size is bounded whatever the user's history. With the defaults and the default
/// <see cref="Events.EventLimits"/> and item limits, the worst case (every id at its maximum length and made of
/// characters JSON escapes to six bytes) is <see cref="MaxSerializedBytes"/> = 529,064 bytes (≈ 0.5 MiB), under Cosmos DB's 2 MB item
/// limit; typical profiles are a few kilobytes to a few tens of kilobytes.
/// <list type="bullet">
/// <item><see cref="MaxRecentEvents"/> newest item events (not impressions) by (timestamp, itemId, eventId hash).</item>
/// <item><see cref="MaxRecentImpressions"/> newest impressions by (timestamp, eventId hash), for fatigue and as the impressions' dedup record.</item>
/// <item><see cref="MaxSeenEventIds"/> activity eventId hashes with their timestamps (16 bytes each, base64).</item>
/// <item>Active UTC days: the days within <see cref="ActiveDaysWindow"/> days after the first active day and within
/// the same window before the last one (at most 2 × window days, delta-encoded).</item>
/// <item><see cref="MaxCategories"/> category affinities.</item>
/// <item>Fixed-size counters: counts per event type, rating statistics.</item>
/// </list>
/// A lowered bound applies to stored profiles as they are next written: each window drops its excess, oldest first,
/// on its next insert.
/// </summary>
public sealed class ProfileLimits
{
    public const string SectionName = "Longview:Profiles";

    [Range(1, 100_000)]
    public int MaxRecentEvents { get; set; } = 200;

    /// <summary>
    /// Impressions kept, which are also their dedup horizon: an impression is applied once while it is among the newest N
    /// (its eventId hash is kept with it), and one older than all of a full window is refused. 256 is ~25 served lists: a
    /// retried or re-delivered list arrives long before that many newer impressions. (The activity record once kept a
    /// second copy of these hashes, 512 of them: a third of a long-served profile.)
    /// </summary>
    [Range(1, 100_000)]
    public int MaxRecentImpressions { get; set; } = 256;

    /// <summary>Dedup horizon of activity: events older than the oldest of the newest N remembered activity eventIds are refused once N are remembered.</summary>
    [Range(1, 1_000_000)]
    public int MaxSeenEventIds { get; set; } = 2048;

    [Range(1, 36_600)]

    public int ActiveDaysWindow { get; set; } = 400;

    /// <summary>
    /// Most categories with an affinity. Beyond it the lowest affinity is evicted; that eviction is the one
    /// place (besides the dedup horizon) where arrival order can matter, so keep it above a user's realistic category count.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxCategories { get; set; } = 128;

    /// <summary>Time for an affinity contribution to lose half its weight.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan AffinityHalfLife { get; set; } = TimeSpan.FromDays(30);

    public AffinityWeights AffinityWeights { get; set; } = new();

    /// <summary>
    /// Event types whose <c>value</c> is money (in the deployment's currency) and which count as purchases in
    /// <see cref="UserProfile.Purchases"/>: purchase, plus any type a deployment lists (configuration binding adds to
    /// this set, it does not replace it).
    /// </summary>
    public HashSet<EventType> MonetaryTypes { get; set; } = [EventType.Purchase];

    /// <summary>
    /// Upper bound of the profile's JSON size (bytes, <see cref="Serialization.LongviewJson.Options"/>) for these limits,
    /// ids of at most <paramref name="maxIdLength"/> characters and categories of at most <paramref name="maxCategoryLength"/>.
    /// JSON escapes a non-ASCII character as \uXXXX, hence six bytes per character at worst.
    /// </summary>
    public long MaxSerializedBytes(int maxIdLength = 128, int maxCategoryLength = 64)
    {
        const int escaped = 6;
        const int timestamp = 40; // "2024-01-01T00:00:00.0000000+00:00" with quotes
        const int number = 26;
        long id = (maxIdLength * escaped) + 2;
        var recent = MaxRecentEvents * (id + timestamp + (2 * number) + 80);
        var impressions = MaxRecentImpressions * (id + timestamp + number + 50);
        var seen = ((long)MaxSeenEventIds * 16L + 2) / 3 * 4 + 100;
        var days = ((ActiveDaysWindow * 2L * 3) + 2) / 3 * 4 + 120;
        var purchases = days + (2 * timestamp) + (3 * (number + 20)) + 60;
        var categories = MaxCategories * ((maxCategoryLength * escaped) + 2 + (2 * number) + 40);
        // userId, firstSeen/lastSeen/erasedAt, 9 counters, 5 rating statistics, "format", property names and braces.
        var fixedPart = id + (3 * timestamp) + (9 * (number + 20)) + (5 * (number + 20)) + 20 + 400;
        return recent + impressions + seen + days + purchases + categories + fixedPart;
    }
}
