using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Profiles;

public sealed class ProfileAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static UserEvent Event(string id, EventType type, DateTimeOffset at, string? item = "i1", double? value = null) =>
        new(id, "u1", type == EventType.SessionStart ? null : item, type, at, value);

    private static string Json(UserProfile profile) => JsonSerializer.Serialize(profile, LongviewJson.Options);

    [Fact]
    public void An_event_older_than_a_full_dedup_record_is_refused_and_changes_nothing()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits { MaxSeenEventIds = 3 });
        var profile = ProfileAggregator.NewProfile("u1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event($"e{i}", EventType.View, T0.AddMinutes(10 + i)), []));
        }

        var before = Json(profile);
        Assert.Equal(EventOutcome.BeyondDedupHorizon, aggregator.Apply(profile, Event("old", EventType.View, T0), []));
        Assert.Equal(before, Json(profile));

        // A newer event pushes e0 out of the record; a redelivered e0 must then be refused, not counted again.
        Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event("e3", EventType.View, T0.AddMinutes(20)), []));
        Assert.Equal(EventOutcome.BeyondDedupHorizon, aggregator.Apply(profile, Event("e0", EventType.View, T0.AddMinutes(10)), []));
        Assert.Equal(4, profile.Counts[EventType.View]);
        Assert.Equal(3, profile.Seen.Count);
    }

    [Fact]
    public void The_systems_own_impressions_do_not_push_what_the_user_did_out_of_the_dedup_record()
    {
        var limits = new ProfileLimits { MaxSeenEventIds = 8, MaxRecentImpressions = 20 };
        var aggregator = new ProfileAggregator(limits);
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("rating", EventType.Rating, T0, value: 4), []);
        // 30 served lists of ten: three hundred impressions after the rating, far more than either bound.
        for (var list = 0; list < 30; list++)
        {
            for (var slot = 0; slot < 10; slot++)
            {
                Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event($"imp-{list}-{slot}", EventType.Impression, T0.AddMinutes(1 + list), $"i{slot}"), []));
            }
        }

        // The rating is still remembered: redelivered, it is a duplicate (one shared bound had refused it as beyond the horizon).
        Assert.Equal(EventOutcome.Duplicate, aggregator.Apply(profile, Event("rating", EventType.Rating, T0, value: 4), []));
        Assert.Equal(1, profile.Ratings.Count);
        // The dedup record holds the rating alone; the impressions window the newest 20 impressions, with their hashes.
        Assert.Equal((1, 1, 20), (profile.Seen.Count, profile.Seen.ActivityCount, profile.Impressions.Count));
        Assert.Equal([T0], profile.Seen.ActivityTimes);
        // An older activity event is still applied: activity has room in its own bound.
        Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event("earlier", EventType.View, T0.AddDays(-1)), []));
    }

    [Fact]
    public void A_lowered_bound_shrinks_a_stored_window_on_its_next_insert()
    {
        var profile = ProfileAggregator.NewProfile("u1");
        var before = new ProfileAggregator(new ProfileLimits { MaxRecentEvents = 10, MaxRecentImpressions = 10 });
        for (var i = 0; i < 8; i++)
        {
            before.Apply(profile, Event($"v{i}", EventType.View, T0.AddMinutes(i), $"i{i}"), []);
            before.Apply(profile, Event($"imp{i}", EventType.Impression, T0.AddMinutes(i), $"i{i}"), []);
        }
        Assert.Null(profile.RecentHorizon);

        // The operator lowers both bounds: the next event of each kind leaves the newest three, not eight plus one.
        var after = new ProfileAggregator(new ProfileLimits { MaxRecentEvents = 3, MaxRecentImpressions = 3 });
        Assert.Equal(EventOutcome.Applied, after.Apply(profile, Event("v8", EventType.View, T0.AddMinutes(8), "i8"), []));
        Assert.Equal(EventOutcome.Applied, after.Apply(profile, Event("imp8", EventType.Impression, T0.AddMinutes(8), "i8"), []));

        Assert.Equal(["i6", "i7", "i8"], profile.Recent.Select(e => e.ItemId));
        Assert.Equal(["i6", "i7", "i8"], profile.Impressions.Select(e => e.ItemId));
        // Activity up to the newest evicted event (v5) may have been forgotten: fatigue must not trust the window before it.
        Assert.Equal(T0.AddMinutes(5), profile.RecentHorizon);
        // Evicted impressions fell behind the window's horizon: redelivered, they are refused, never counted again.
        Assert.Equal(EventOutcome.BeyondDedupHorizon, after.Apply(profile, Event("imp2", EventType.Impression, T0.AddMinutes(2), "i2"), []));
        Assert.Equal(9, profile.Counts[EventType.Impression]);
    }

    [Fact]
    public void Impressions_are_deduplicated_by_their_window_and_never_counted_twice()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits { MaxRecentImpressions = 3 });
        var profile = ProfileAggregator.NewProfile("u1");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event($"imp{i}", EventType.Impression, T0.AddMinutes(i)), []));
        }

        // imp1..imp3 are remembered; imp0 fell out of the window, so a redelivery of it is refused rather than counted again.
        Assert.Equal(EventOutcome.Duplicate, aggregator.Apply(profile, Event("imp3", EventType.Impression, T0.AddMinutes(3)), []));
        // The same id at another time, or under another type, is the same event.
        Assert.Equal(EventOutcome.Duplicate, aggregator.Apply(profile, Event("imp2", EventType.Impression, T0.AddMinutes(30)), []));
        Assert.Equal(EventOutcome.Duplicate, aggregator.Apply(profile, Event("imp1", EventType.View, T0.AddMinutes(1)), []));
        Assert.Equal(EventOutcome.BeyondDedupHorizon, aggregator.Apply(profile, Event("imp0", EventType.Impression, T0), []));
        Assert.Equal(4, profile.Counts[EventType.Impression]);
        Assert.Equal(0, profile.Counts[EventType.View]);
        Assert.Equal((0, 3), (profile.Seen.Count, profile.Impressions.Count));
        // Activity older than every remembered impression is not beyond anything: it has its own bound.
        Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event("view", EventType.View, T0.AddMinutes(-5)), []));
    }

    [Fact]
    public void An_impression_without_its_item_is_refused_rather_than_forgotten()
    {
        // Its window is an impression's only dedup record: one that named no item could be counted again on every redelivery.
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");

        var error = Assert.Throws<ArgumentException>(() => aggregator.Apply(profile, Event("imp", EventType.Impression, T0, item: null), []));

        Assert.Contains("no itemId", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, profile.Counts[EventType.Impression]);
    }

    [Fact]
    public void An_old_event_is_applied_while_the_dedup_record_has_room()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits { MaxSeenEventIds = 3 });
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("late", EventType.View, T0.AddDays(5)), []);

        Assert.Equal(EventOutcome.Applied, aggregator.Apply(profile, Event("early", EventType.View, T0), []));
        Assert.Equal(T0, profile.FirstSeen);
    }

    [Fact]
    public void Affinity_halves_every_half_life_and_dislikes_subtract()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("e1", EventType.Purchase, T0), ["jazz", "jazz", "news"]);
        aggregator.Apply(profile, Event("e2", EventType.Dislike, T0), ["news"]);

        var halfLife = aggregator.Limits.AffinityHalfLife;
        Assert.Equal(5, profile.AffinityAt("jazz", T0, halfLife), 9);
        Assert.Equal(2.5, profile.AffinityAt("jazz", T0 + halfLife, halfLife), 9);
        Assert.Equal(5 - 3, aggregator.AffinitiesAt(profile, T0)["news"], 9);
        Assert.Equal(0, profile.AffinityAt("unknown", T0, halfLife));
    }

    [Fact]
    public void Affinities_stay_finite_for_times_far_from_the_anchor()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits { AffinityHalfLife = TimeSpan.FromDays(1) });
        var profile = ProfileAggregator.NewProfile("u1");
        var farFuture = new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero);
        aggregator.Apply(profile, Event("e1", EventType.View, farFuture), ["c"]);
        aggregator.Apply(profile, Event("e2", EventType.View, farFuture), ["c"]);

        Assert.Equal(2, profile.AffinityAt("c", farFuture, TimeSpan.FromDays(1)), 9);
        Assert.True(double.IsFinite(profile.Affinities["c"].Log2Positive!.Value));
    }

    [Fact]
    public void Fatigue_counts_impressions_after_the_last_engagement_whatever_the_arrival_order()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var events = new[]
        {
            Event("a", EventType.Impression, T0),
            Event("b", EventType.Impression, T0.AddMinutes(1)),
            Event("c", EventType.Click, T0.AddMinutes(2)),
            Event("d", EventType.Impression, T0.AddMinutes(3)),
            Event("e", EventType.Impression, T0.AddMinutes(4)),
            Event("f", EventType.Impression, T0.AddMinutes(5), item: "i2"),
            Event("g", EventType.View, T0.AddMinutes(6), item: "i2"),
        };

        foreach (var order in new[] { events, events.Reverse().ToArray() })
        {
            var profile = ProfileAggregator.NewProfile("u1");
            foreach (var e in order)
            {
                aggregator.Apply(profile, e, []);
            }

            // A view is not an engagement: i2 stays fatigued.
            Assert.Equal(
                [new ItemFatigue("i2", 1, T0.AddMinutes(5)), new ItemFatigue("i1", 2, T0.AddMinutes(4))],
                profile.Fatigue());
            Assert.Equal(2, profile.FatigueOf("i1"));
            Assert.Equal(0, profile.FatigueOf("i3"));
        }
    }

    [Fact]
    public void Active_days_keep_a_window_after_the_first_day_and_before_the_last()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits { ActiveDaysWindow = 3 });
        var profile = ProfileAggregator.NewProfile("u1");
        for (var day = 0; day < 10; day++)
        {
            aggregator.Apply(profile, Event($"e{day}", EventType.SessionStart, T0.AddDays(day)), []);
        }

        var first = DateOnly.FromDateTime(T0.UtcDateTime);
        Assert.Equal([0, 1, 2, 7, 8, 9], profile.ActiveDays.Days.Select(d => d.DayNumber - first.DayNumber));
        Assert.Equal(10, profile.SessionStarts);
    }

    [Fact]
    public void Active_days_use_the_utc_day_of_the_timestamp()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("e1", EventType.View, new DateTimeOffset(2024, 3, 2, 1, 0, 0, TimeSpan.FromHours(3))), []);

        Assert.Equal([new DateOnly(2024, 3, 1)], profile.ActiveDays.Days);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 22, 0, 0, TimeSpan.Zero), profile.LastSeen);
    }

    [Fact]
    public void Sessions_are_inferred_from_thirty_minute_gaps()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");
        foreach (var minutes in new[] { 0, 10, 39, 80, 200, 229 })
        {
            aggregator.Apply(profile, Event($"e{minutes}", EventType.View, T0.AddMinutes(minutes)), []);
        }

        Assert.Equal(3, Sessions.Of(profile, TimeSpan.FromMinutes(30)).Count);
    }

    [Fact]
    public void Rating_stats_hold_count_sum_squares_min_and_max()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("a", EventType.Rating, T0, value: 2), []);
        aggregator.Apply(profile, Event("b", EventType.Rating, T0.AddMinutes(1), value: 4), []);
        aggregator.Apply(profile, Event("c", EventType.View, T0.AddMinutes(2), value: 300), []);

        Assert.Equal((2L, 6.0, 20.0, 2.0, 4.0, 3.0, 1.0), (profile.Ratings.Count, profile.Ratings.Sum, profile.Ratings.SumOfSquares, profile.Ratings.Min!.Value, profile.Ratings.Max!.Value, profile.Ratings.Mean!.Value, profile.Ratings.Variance!.Value));
    }

    [Fact]
    public void Consumed_items_are_the_recent_items_but_not_mere_impressions()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("a", EventType.View, T0, item: "seen"), []);
        aggregator.Apply(profile, Event("b", EventType.Impression, T0, item: "shown"), []);

        Assert.Equal(["seen"], profile.ConsumedItems);
    }

    [Fact]
    public void An_event_of_another_user_is_a_programming_error()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());

        Assert.Throws<ArgumentException>(() => aggregator.Apply(ProfileAggregator.NewProfile("u2"), Event("a", EventType.View, T0), []));
    }

    [Fact]
    public void Categories_beyond_the_cap_evict_the_weakest_affinity()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits { MaxCategories = 2 });
        var profile = ProfileAggregator.NewProfile("u1");
        aggregator.Apply(profile, Event("a", EventType.Purchase, T0), ["strong"]);
        aggregator.Apply(profile, Event("b", EventType.View, T0), ["weak"]);
        aggregator.Apply(profile, Event("c", EventType.Click, T0), ["middle"]);

        Assert.Equal(["middle", "strong"], profile.Affinities.Keys);
    }

    [Fact]
    public void The_serialized_size_stays_under_the_stated_bound_for_a_huge_worst_case_history()
    {
        var limits = new ProfileLimits();
        var aggregator = new ProfileAggregator(limits);
        var profile = ProfileAggregator.NewProfile(new string('\u00e9', 128));
        // Ids and categories at their maximum length, made of characters JSON escapes to six bytes each.
        string Id(char tag, int n) => (tag + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).PadRight(128, '\u00e9');
        var types = Enum.GetValues<EventType>();
        var start = new DateTimeOffset(1995, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10_000; i++)
        {
            var type = types[i % types.Length];
            var e = new UserEvent(Id('e', i), profile.UserId, type == EventType.SessionStart ? null : Id('i', i), type, start.AddHours(i * 5.3), -123456.78901234567 - i);
            var categories = Enumerable.Range(0, 32).Select(c => ((i * 7 + c) % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(64, '\u00e9')).ToArray();
            aggregator.Apply(profile, e, categories);
        }

        var size = JsonSerializer.SerializeToUtf8Bytes(profile, LongviewJson.Options).Length;

        Assert.Equal(limits.MaxRecentEvents, profile.Recent.Count);
        Assert.Equal(limits.MaxRecentImpressions, profile.Impressions.Count);
        Assert.Equal(limits.MaxSeenEventIds, profile.Seen.Count);
        Assert.Equal(limits.MaxCategories, profile.Affinities.Count);
        Assert.True(profile.ActiveDays.Count <= 2 * limits.ActiveDaysWindow, $"{profile.ActiveDays.Count} days");
        Assert.True(size <= limits.MaxSerializedBytes(), $"{size} bytes > bound {limits.MaxSerializedBytes()}");
        Console.WriteLine($"worst-case profile: {size} bytes, bound {limits.MaxSerializedBytes()}");
        Assert.True(size > limits.MaxSerializedBytes() / 2, $"{size} bytes: the worst case should come near the bound {limits.MaxSerializedBytes()}");
    }
}
