using System.Text.Json.Serialization;
using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>
/// The feature store record for one user, built only from events by <see cref="ProfileAggregator"/>.
/// Serving, training snapshots and retention read it; nothing else writes it. All stored times are UTC.
/// Every collection is bounded (see <see cref="ProfileLimits"/>). First/last seen, active days and inferred sessions
/// (<see cref="Lifecycle.Engagement.Sessions"/>) come from activity only (<see cref="Activity"/>): a profile that holds only impressions is not a user yet
/// (<see cref="HasActivity"/>). A profile stored in an older <see cref="Format"/> is upgraded as it is read
/// (<see cref="ProfileFormat"/>) and stored in the current format on its next write.
/// </summary>
public sealed class UserProfile : IJsonOnDeserializing, IJsonOnDeserialized
{
    private SortedDictionary<string, CategoryAffinity> _affinities = new(StringComparer.Ordinal);

    public required string UserId { get; init; }

    /// <summary>Stored format (<see cref="ProfileFormat"/>); documents without the field are format 1.</summary>
    public int Format { get; set; } = ProfileFormat.Current;

    /// <summary>Time of the earliest applied activity event (UTC); null while the user did nothing (impressions only).</summary>
    public DateTimeOffset? FirstSeen { get; set; }

    /// <summary>Time of the latest applied activity event (UTC); null while the user did nothing (impressions only).</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>
    /// Set when this profile was started after the user's erasure: the erasure time. Events at or before it belong to
    /// the erased past and are never applied (<see cref="EventOutcome.Erased"/>).
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>True once the user did something (any event but an impression): only then is the profile a user.</summary>
    [JsonIgnore]
    public bool HasActivity => ActiveDays.Count > 0;

    /// <summary>Applied events per type.</summary>
    public EventTypeCounts Counts { get; set; } = new();

    /// <summary>
    /// Most recent item events other than impressions, oldest first, newest last (bounded): the newest by
    /// (timestamp, eventId).
    /// </summary>
    public List<RecentEvent> Recent { get; set; } = [];

    /// <summary>
    /// Time of the newest event that no longer fits in <see cref="Recent"/> (null while nothing was evicted):
    /// every applied non-impression item event after it is in <see cref="Recent"/>.
    /// </summary>
    public DateTimeOffset? RecentHorizon { get; set; }

    /// <summary>Most recent impressions, oldest first (bounded), the input of <see cref="Fatigue"/>.</summary>
    public List<RecentImpression> Impressions { get; set; } = [];

    /// <summary>UTC days with activity (bounded horizon); impressions mark none.</summary>
    public ActiveDays ActiveDays { get; set; } = new();

    /// <summary>Time-decayed affinity per category (ordinal order).</summary>
    public SortedDictionary<string, CategoryAffinity> Affinities
    {
        get => _affinities;
        set => _affinities = value.Comparer == StringComparer.Ordinal ? value : new SortedDictionary<string, CategoryAffinity>(value, StringComparer.Ordinal);
    }

    public RatingStats Ratings { get; set; } = new();

    /// <summary>Spend (<see cref="PurchaseStats"/>); null until the first monetary event, so profiles without one keep their stored form.</summary>
    public PurchaseStats? Purchases { get; set; }

    /// <summary>The bounded record of applied eventIds (dedup).</summary>
    public SeenEvents Seen { get; set; } = new();

    /// <summary>Explicit sessions: the number of session_start events.</summary>
    [JsonIgnore]
    public long SessionStarts => Counts[EventType.SessionStart];

    /// <summary>Items the user interacted with (any recent event but impressions).</summary>
    [JsonIgnore]
    public IReadOnlySet<string> ConsumedItems => Recent.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Decayed affinity of every category at <paramref name="now"/>; use the aggregator's half-life (ProfileLimits).</summary>
    public IReadOnlyDictionary<string, double> AffinitiesAt(DateTimeOffset now, TimeSpan halfLife) =>
        Affinities.ToDictionary(a => a.Key, a => a.Value.ValueAt(now, halfLife), StringComparer.Ordinal);

    /// <summary>Decayed affinity of one category at <paramref name="now"/> (0 when unknown).</summary>
    public double AffinityAt(string category, DateTimeOffset now, TimeSpan halfLife) =>
        Affinities.TryGetValue(category, out var affinity) ? affinity.ValueAt(now, halfLife) : 0;

    /// <summary>
    /// Items shown without a later engagement (click, purchase, rating, like, share), counting the retained impressions
    /// after the item's last engagement; only impressions newer than <see cref="RecentHorizon"/> count, because
    /// older engagements may no longer be known. Ordered by last impression, newest first.
    /// </summary>
    public IReadOnlyList<ItemFatigue> Fatigue()
    {
        var lastEngagement = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var r in Recent)
        {
            if (r.Type.IsEngagement() && (!lastEngagement.TryGetValue(r.ItemId, out var t) || r.Timestamp > t))
            {
                lastEngagement[r.ItemId] = r.Timestamp;
            }
        }

        var result = new Dictionary<string, (int Count, DateTimeOffset Last)>(StringComparer.Ordinal);
        foreach (var impression in Impressions)
        {
            if (RecentHorizon is { } horizon && impression.Timestamp <= horizon)
            {
                continue;
            }

            if (lastEngagement.TryGetValue(impression.ItemId, out var engaged) && impression.Timestamp <= engaged)
            {
                continue;
            }

            var current = result.GetValueOrDefault(impression.ItemId);
            result[impression.ItemId] = (current.Count + 1, impression.Timestamp > current.Last ? impression.Timestamp : current.Last);
        }

        return result
            .Select(r => new ItemFatigue(r.Key, r.Value.Count, r.Value.Last))
            .OrderByDescending(f => f.LastImpression).ThenBy(f => f.ItemId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Impressions of <paramref name="itemId"/> since the user last engaged with it (see <see cref="Fatigue"/>).</summary>
    public int FatigueOf(string itemId) => Fatigue().FirstOrDefault(f => f.ItemId == itemId)?.ImpressionsSinceEngagement ?? 0;

    // A document without "format" was written before the field existed: format 1.
    void IJsonOnDeserializing.OnDeserializing() => Format = 1;

    void IJsonOnDeserialized.OnDeserialized() => ProfileFormat.Upgrade(this);
}

/// <summary>
/// One entry of the recent item sequence. <see cref="EventKey"/> is the hash of its eventId (as the dedup record and the
/// impressions window keep it; 0 when the event had none), so the sequence stores 8 bytes per event rather than the id.
/// </summary>
[JsonConverter(typeof(RecentEventJsonConverter))]
public sealed record RecentEvent(string ItemId, DateTimeOffset Timestamp, EventType Type, double? Value = null)
{
    /// <summary>
    /// The sequence's order, oldest first: by time, then by item id (ordinal), the order in which the training job reads
    /// events of equal seconds (so a model scores a history in the order it was trained on), then by key.
    /// </summary>
    public static readonly Comparison<RecentEvent> Order = (a, b) =>
    {
        var byTime = a.Timestamp.UtcTicks.CompareTo(b.Timestamp.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }
        var byItem = string.CompareOrdinal(a.ItemId, b.ItemId);
        return byItem != 0 ? byItem : a.EventKey.CompareTo(b.EventKey);
    };

    public ulong EventKey { get; init; }
}
