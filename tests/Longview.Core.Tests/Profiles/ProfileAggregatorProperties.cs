using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Profiles;

[Properties(Arbitrary = [typeof(EventHistories)], MaxTest = 200)]
public sealed class ProfileAggregatorProperties
{
    /// <summary>
    /// Small caps so that eviction from the bounded collections happens in most generated histories. The impressions
    /// window is also the impressions' dedup horizon, so it holds every impression a history has (order-insensitivity
    /// is promised within the horizons); a tighter window has its own property below.
    /// </summary>
    private static readonly ProfileLimits Tight = new()
    {
        MaxRecentEvents = 5,
        MaxRecentImpressions = 40,
        ActiveDaysWindow = 10,
        MaxSeenEventIds = 2048,
        MaxCategories = 128,
    };

    private static readonly ProfileAggregator Default = new(new ProfileLimits());
    private static readonly ProfileAggregator TightAggregator = new(Tight);

    [Property]
    public void Any_permutation_gives_an_equivalent_profile(EventHistory history)
    {
        foreach (var aggregator in new[] { Default, TightAggregator })
        {
            var outcomes = new List<EventOutcome>();
            var inOrder = EventHistories.Fold(aggregator, history.Events, history, outcomes);
            var shuffled = EventHistories.Fold(aggregator, history.Shuffled, history);

            Assert.All(outcomes, o => Assert.Equal(EventOutcome.Applied, o));
            Assert.Null(ProfileEquivalence.Difference(inOrder, shuffled));
        }
    }

    [Property]
    public void Redelivered_events_are_duplicates_and_change_nothing(EventHistory history)
    {
        foreach (var aggregator in new[] { Default, TightAggregator })
        {
            var outcomes = new List<EventOutcome>();
            var withDuplicates = EventHistories.Fold(aggregator, history.WithDuplicates, history, outcomes);
            var once = EventHistories.Fold(aggregator, history.Events, history);

            Assert.Equal(history.Events.Length, outcomes.Count(o => o == EventOutcome.Applied));
            Assert.Equal(history.WithDuplicates.Length - history.Events.Length, outcomes.Count(o => o == EventOutcome.Duplicate));
            Assert.Null(ProfileEquivalence.Difference(once, withDuplicates));
        }
    }

    [Property]
    public void Reapplying_an_applied_event_leaves_the_stored_profile_byte_identical(EventHistory history)
    {
        // A tiny dedup record and impressions window too: events they forgot must be refused, not applied twice.
        foreach (var aggregator in new[] { TightAggregator, new ProfileAggregator(new ProfileLimits { MaxSeenEventIds = 4, MaxRecentImpressions = 2, MaxRecentEvents = 3 }) })
        {
            var profile = EventHistories.Fold(aggregator, history.Events.OrderBy(e => e.Timestamp), history);
            var before = JsonSerializer.Serialize(profile, LongviewJson.Options);

            foreach (var e in history.Events)
            {
                var outcome = aggregator.Apply(profile, e, history.CategoriesOf(e));
                Assert.NotEqual(EventOutcome.Applied, outcome);
            }

            Assert.Equal(before, JsonSerializer.Serialize(profile, LongviewJson.Options));
        }
    }

    [Property]
    public void A_window_smaller_than_the_impressions_keeps_the_newest_in_any_order_and_counts_none_twice(EventHistory history)
    {
        var small = new ProfileAggregator(new ProfileLimits { MaxRecentImpressions = 3 });
        var impressions = history.Events.Where(e => e.Type == EventType.Impression).ToList();
        var newest = impressions
            .Select(e => (e.Timestamp.UtcTicks, SeenEvents.KeyOf(e.EventId, e.Timestamp).Hash))
            .Order().TakeLast(3).ToList();

        foreach (var order in new[] { history.Events, history.Shuffled, history.WithDuplicates })
        {
            var outcomes = new List<EventOutcome>();
            var profile = EventHistories.Fold(small, order, history, outcomes);
            var outcomesOfImpressions = order.Zip(outcomes).Where(p => p.First.Type == EventType.Impression).Select(p => p.Second).ToList();

            // Whatever the order, the window is the newest three, and each impression is counted at most once: those
            // older than a full window when they came are refused, never applied twice.
            Assert.Equal(newest, profile.Impressions.Select(i => (i.Timestamp.UtcTicks, i.EventKey)));
            Assert.Equal(outcomesOfImpressions.Count(o => o == EventOutcome.Applied), profile.Counts[EventType.Impression]);
            Assert.True(profile.Counts[EventType.Impression] <= impressions.Count);
            Assert.All(outcomesOfImpressions, o => Assert.Contains(o, new[] { EventOutcome.Applied, EventOutcome.Duplicate, EventOutcome.BeyondDedupHorizon }));
        }
        // In the window's own order (time, then hash) nothing is beyond the horizon.
        var inKeyOrder = history.Events.OrderBy(e => e.Timestamp.UtcTicks).ThenBy(e => SeenEvents.KeyOf(e.EventId, e.Timestamp).Hash);
        Assert.Equal(impressions.Count, EventHistories.Fold(small, inKeyOrder, history).Counts[EventType.Impression]);
    }

    [Property]
    public void Json_round_trip_is_exact(EventHistory history)
    {
        var profile = EventHistories.Fold(TightAggregator, history.Events, history);
        var json = JsonSerializer.Serialize(profile, LongviewJson.Options);

        var back = JsonSerializer.Deserialize<UserProfile>(json, LongviewJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, LongviewJson.Options));
        Assert.Null(ProfileEquivalence.Difference(profile, back));
    }

    [Property]
    public void A_stored_and_reloaded_profile_keeps_folding_like_the_original(EventHistory history)
    {
        var half = history.Shuffled.Length / 2;
        var firstHalf = EventHistories.Fold(TightAggregator, history.Shuffled.Take(half), history);
        var reloaded = JsonSerializer.Deserialize<UserProfile>(JsonSerializer.Serialize(firstHalf, LongviewJson.Options), LongviewJson.Options)!;
        foreach (var e in history.WithDuplicates)
        {
            TightAggregator.Apply(reloaded, e, history.CategoriesOf(e));
        }

        var direct = EventHistories.Fold(TightAggregator, history.Events, history);

        Assert.Null(ProfileEquivalence.Difference(direct, reloaded));
    }

    [Property]
    public void The_profile_matches_an_independent_model_of_the_events(EventHistory history)
    {
        var profile = EventHistories.Fold(TightAggregator, history.Shuffled, history);
        var events = history.Events;

        foreach (var type in Enum.GetValues<EventType>())
        {
            Assert.Equal(events.Count(e => e.Type == type), profile.Counts[type]);
        }

        // Activity is everything the user did: impressions (exposure the system generated) are not.
        var activity = events.Where(e => e.Type != EventType.Impression).ToList();
        Assert.Equal(activity.Count == 0 ? null : activity.Min(e => e.Timestamp), profile.FirstSeen);
        Assert.Equal(activity.Count == 0 ? null : activity.Max(e => e.Timestamp), profile.LastSeen);
        Assert.Equal(activity.Count > 0, profile.HasActivity);
        Assert.Equal(TimeSpan.Zero, profile.FirstSeen?.Offset ?? TimeSpan.Zero);

        // Oldest first by time, then item id (the training job's order), then the eventId's hash.
        var recent = events
            .Where(e => e.ItemId is not null && e.Type != EventType.Impression)
            .OrderBy(e => e.Timestamp.UtcTicks).ThenBy(e => e.ItemId, StringComparer.Ordinal).ThenBy(e => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(e.EventId)))
            .ToList();
        var expectedRecent = recent.TakeLast(Tight.MaxRecentEvents).Select(e => (XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(e.EventId)), e.ItemId, e.Type, e.Value, e.Timestamp.UtcDateTime));
        Assert.Equal(expectedRecent, profile.Recent.Select(r => (r.EventKey, (string?)r.ItemId, r.Type, r.Value, r.Timestamp.UtcDateTime)));

        var days = activity.Select(e => DateOnly.FromDateTime(e.Timestamp.UtcDateTime)).Distinct().Order().ToList();
        var expectedDays = days.Count == 0 ? days : days.Where(d => d < days[0].AddDays(Tight.ActiveDaysWindow) || d > days[^1].AddDays(-Tight.ActiveDaysWindow)).ToList();
        Assert.Equal(expectedDays, profile.ActiveDays.Days);

        var ratings = events.Where(e => e.Type == EventType.Rating).Select(e => e.Value!.Value).ToList();
        Assert.Equal(ratings.Count, profile.Ratings.Count);
        Assert.Equal(ratings.Sum(), profile.Ratings.Sum, 1e-9);
        Assert.Equal(ratings.Count == 0 ? null : ratings.Max(), profile.Ratings.Max);

        // The dedup record remembers activity; the impressions window every impression, each with its event's hash.
        Assert.Equal(activity.Count, profile.Seen.Count);
        Assert.Equal(
            events.Where(e => e.Type == EventType.Impression).Select(e => SeenEvents.KeyOf(e.EventId, e.Timestamp).Hash).Order(),
            profile.Impressions.Select(i => i.EventKey).Order());
    }

    [Property]
    public void Affinities_equal_the_decayed_weighted_sum_of_the_events(EventHistory history)
    {
        var profile = EventHistories.Fold(Default, history.Shuffled, history);
        var now = new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);
        var limits = Default.Limits;

        var expected = new Dictionary<string, double>();
        foreach (var e in history.Events)
        {
            var weight = limits.AffinityWeights.For(e.Type, e.Value) * Math.Pow(2, -(now - e.Timestamp).TotalDays / limits.AffinityHalfLife.TotalDays);
            foreach (var category in history.CategoriesOf(e))
            {
                expected[category] = expected.GetValueOrDefault(category) + weight;
            }
        }

        var actual = Default.AffinitiesAt(profile, now);
        foreach (var (category, value) in expected)
        {
            Assert.Equal(value, actual.GetValueOrDefault(category), 1e-9 * Math.Max(1, Math.Abs(value)));
        }
    }

    [Property]
    public void Fatigue_matches_an_independent_model_of_the_events(EventHistory history)
    {
        var profile = EventHistories.Fold(TightAggregator, history.Shuffled, history);
        var events = history.Events;

        // The retained impressions and the horizon of the recent sequence, computed from the events alone.
        var impressions = events
            .Where(e => e.Type == EventType.Impression)
            .OrderBy(e => e.Timestamp.UtcTicks).ThenBy(e => SeenEvents.KeyOf(e.EventId, e.Timestamp).Hash)
            .TakeLast(Tight.MaxRecentImpressions)
            .ToList();
        var recentKeys = events
            .Where(e => e.ItemId is not null && e.Type != EventType.Impression)
            .OrderBy(e => e.Timestamp.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        DateTimeOffset? horizon = recentKeys.Count > Tight.MaxRecentEvents ? recentKeys[^(Tight.MaxRecentEvents + 1)].Timestamp : null;

        var expected = impressions
            .Where(i => horizon is null || i.Timestamp > horizon)
            .Where(i => !events.Any(e => e.ItemId == i.ItemId && e.Type.IsEngagement() && e.Timestamp >= i.Timestamp))
            .GroupBy(i => i.ItemId!)
            .Select(g => new ItemFatigue(g.Key, g.Count(), g.Max(i => i.Timestamp).ToUniversalTime()))
            .OrderByDescending(f => f.LastImpression).ThenBy(f => f.ItemId, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(horizon?.ToUniversalTime(), profile.RecentHorizon);
        Assert.Equal(expected, profile.Fatigue());
    }
}
