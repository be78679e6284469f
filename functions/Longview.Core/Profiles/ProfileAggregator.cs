using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>
/// Folds events into a <see cref="UserProfile"/> (pure). Idempotent: an eventId already applied changes nothing.
/// Order-insensitive: every bounded collection is "the top K by a fixed per-event key" and every counter a sum, so any
/// permutation of the same events gives an equivalent profile (<see cref="ProfileEquivalence"/>). This is exact while
/// all of a user's events fall within the dedup horizon (<see cref="ProfileLimits.MaxSeenEventIds"/> activity events in
/// the dedup record, <see cref="ProfileLimits.MaxRecentImpressions"/> impressions in the impressions window) and the user
/// has at most <see cref="ProfileLimits.MaxCategories"/> categories; beyond those, an old event may be refused as
/// <see cref="EventOutcome.BeyondDedupHorizon"/> (never double counted) and low affinities evicted. Only activity
/// (<see cref="Activity"/>) moves first/last seen and marks active days; every applied event is counted and remembered.
/// A profile started after an erasure refuses events from before it (<see cref="EventOutcome.Erased"/>).
/// </summary>
public sealed class ProfileAggregator(ProfileLimits limits)
{
    public ProfileLimits Limits => limits;

    public static UserProfile NewProfile(string userId) => new() { UserId = userId };

    /// <summary>A profile started after the user's erasure at <paramref name="erasedAt"/>: it never takes events from before it.</summary>
    public static UserProfile NewProfileAfterErasure(string userId, DateTimeOffset erasedAt) => new() { UserId = userId, ErasedAt = erasedAt.ToUniversalTime() };

    /// <param name="categories">Categories of the event's item from the catalogue (empty when unknown or no item).</param>
    public EventOutcome Apply(UserProfile profile, UserEvent e, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(e);
        if (!string.Equals(profile.UserId, e.UserId, StringComparison.Ordinal))
        {
            // No ids in the message: it is logged, and raw user ids must not reach logs.
            throw new ArgumentException($"event {e.EventId} belongs to another user than the profile it is applied to", nameof(e));
        }

        if (profile.ErasedAt is { } erasedAt && e.Timestamp <= erasedAt)
        {
            return EventOutcome.Erased;
        }

        var time = e.Timestamp.ToUniversalTime();
        var key = SeenEvents.KeyOf(e.EventId, e.Timestamp);
        // Impressions are remembered by the impressions window alone (each keeps its hash), not by a second copy in the
        // dedup record: so one must name its item, as the event contract requires, to be remembered at all.
        var impression = e.Type.IsActivity()
            ? null
            : new RecentImpression(e.ItemId ?? throw new ArgumentException($"impression {e.EventId} has no itemId", nameof(e)), time, key.Hash);
        var isActivity = impression is null;
        // An eventId is applied once whatever its type: both records are asked.
        if (profile.Seen.Contains(key.Hash) || ImpressionsContain(profile.Impressions, key.Hash))
        {
            return EventOutcome.Duplicate;
        }

        if (impression is null ? profile.Seen.IsBeyondHorizon(key, limits.MaxSeenEventIds) : IsBeyondImpressionHorizon(profile.Impressions, impression))
        {
            return EventOutcome.BeyondDedupHorizon;
        }

        profile.Counts.Increment(e.Type);
        if (isActivity)
        {
            profile.Seen.Add(key, limits.MaxSeenEventIds);
            // Impressions are exposure the system generated, not something the user did (Activity).
            if (profile.FirstSeen is not { } first || time < first)
            {
                profile.FirstSeen = time;
            }

            if (profile.LastSeen is not { } last || time > last)
            {
                profile.LastSeen = time;
            }

            profile.ActiveDays.Add(DateOnly.FromDateTime(time.UtcDateTime));
            profile.ActiveDays.Trim(limits.ActiveDaysWindow);
        }

        if (impression is not null)
        {
            InsertBounded(profile.Impressions, impression, RecentImpression.Order, limits.MaxRecentImpressions);
        }
        else if (e.ItemId is { } itemId)
        {
            var evicted = InsertBounded(profile.Recent, new RecentEvent(itemId, time, e.Type, e.Value) { EventKey = key.Hash }, RecentEvent.Order, limits.MaxRecentEvents);
            if (evicted is not null && (profile.RecentHorizon is not { } horizon || evicted.Timestamp > horizon))
            {
                profile.RecentHorizon = evicted.Timestamp;
            }
        }

        AddAffinity(profile, e, time, categories);
        if (e.Type == EventType.Rating && e.Value is { } rating)
        {
            profile.Ratings.Add(rating);
        }

        if (limits.MonetaryTypes.Contains(e.Type))
        {
            (profile.Purchases ??= new PurchaseStats()).Add(time, e.Value, limits.ActiveDaysWindow);
        }

        return EventOutcome.Applied;
    }

    private static bool ImpressionsContain(List<RecentImpression> impressions, ulong hash)
    {
        for (var i = 0; i < impressions.Count; i++)
        {
            if (impressions[i].EventKey == hash)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The window is full and the impression is older than all of it (by the window's own order).</summary>
    private bool IsBeyondImpressionHorizon(List<RecentImpression> impressions, RecentImpression impression) =>
        impressions.Count >= limits.MaxRecentImpressions && impressions.Count > 0 && RecentImpression.Order(impressions[0], impression) > 0;

    /// <summary>Decayed category affinities at <paramref name="now"/> with this aggregator's half-life.</summary>
    public IReadOnlyDictionary<string, double> AffinitiesAt(UserProfile profile, DateTimeOffset now) =>
        profile.AffinitiesAt(now, limits.AffinityHalfLife);

    private void AddAffinity(UserProfile profile, UserEvent e, DateTimeOffset time, IReadOnlyList<string> categories)
    {
        var weight = limits.AffinityWeights.For(e.Type, e.Value);
        if (weight == 0 || categories.Count == 0)
        {
            return;
        }

        var term = CategoryAffinity.Log2Term(weight, time, limits.AffinityHalfLife);
        for (var i = 0; i < categories.Count; i++)
        {
            var category = categories[i];
            if (string.IsNullOrEmpty(category) || IndexOf(categories, category, i) < i)
            {
                continue; // the catalogue gave the category twice: count it once
            }

            if (!profile.Affinities.TryGetValue(category, out var affinity))
            {
                affinity = new CategoryAffinity();
                profile.Affinities[category] = affinity;
            }

            affinity.Add(weight, term);
        }

        var excess = profile.Affinities.Count - limits.MaxCategories;
        if (excess > 0)
        {
            // All affinities decay alike, so ranking them at the last activity ranks them at any time.
            var reference = profile.LastSeen ?? time;
            var weakest = profile.Affinities
                .OrderBy(a => a.Value.ValueAt(reference, limits.AffinityHalfLife))
                .ThenBy(a => a.Key, StringComparer.Ordinal)
                .Take(excess)
                .Select(a => a.Key)
                .ToList();
            foreach (var category in weakest)
            {
                profile.Affinities.Remove(category);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string value, int before)
    {
        for (var i = 0; i < before; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return before;
    }

    /// <summary>
    /// Inserts into an ascending list kept to the <paramref name="capacity"/> largest; returns the newest of what fell
    /// out. A bound lowered since the list was stored drops all its excess at once, as <see cref="SeenEvents"/> does,
    /// so the window shrinks to the new bound on its next insert instead of staying at the old one.
    /// </summary>
    private static T? InsertBounded<T>(List<T> sorted, T item, Comparison<T> order, int capacity)
        where T : class
    {
        // Binary search for the first element larger than the item.
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (order(sorted[middle], item) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var index = low;
        if (index > 0 && order(sorted[index - 1], item) == 0)
        {
            return null;
        }

        sorted.Insert(index, item);
        var excess = sorted.Count - capacity;
        if (excess <= 0)
        {
            return null;
        }

        var newestEvicted = sorted[excess - 1];
        sorted.RemoveRange(0, excess);
        return newestEvicted;
    }
}
