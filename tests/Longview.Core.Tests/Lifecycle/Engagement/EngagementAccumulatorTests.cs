using Longview.Core.Events;
using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Lifecycle.Engagement;

public sealed class EngagementAccumulatorTests
{
    private static readonly DateOnly AsOf = new(2024, 3, 10);
    private static readonly DateTimeOffset Midnight = new(2024, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_counts_on_the_day_it_starts_and_runs_from_its_first_to_its_last_event()
    {
        var rows = DayRows(3, User("u", (-1, "23:50"), (0, "00:10"), (0, "00:25")));

        Assert.Equal([new DateOnly(2024, 3, 8), new DateOnly(2024, 3, 9), AsOf], rows.Select(r => r.Day));
        var march9 = rows[1];
        Assert.Equal(new EngagementDayRow(new DateOnly(2024, 3, 9), 1, 1, 1, 35, 35, 3), march9);
        Assert.Equal(new EngagementDayRow(AsOf, 0, 0, 0, 0, 0, 0), rows[2]);
    }

    [Fact]
    public void Activity_after_the_as_of_day_neither_adds_sessions_nor_lengthens_the_last_one()
    {
        var rows = DayRows(1, User("u", (0, "23:50"), (1, "00:10"), (1, "09:00")));

        Assert.Equal(new EngagementDayRow(AsOf, 1, 1, 1, 0, 0, 1), rows.Single());
    }

    [Fact]
    public void Sessions_that_start_before_the_window_do_not_count_in_it()
    {
        var accumulator = Accumulator(2);
        accumulator.Add(User("u", (-2, "23:40"), (-1, "00:05"), (-1, "12:00")));

        // The March 9 00:05 view continues the March 8 session: only the 12:00 session is in the window.
        Assert.Equal([1L, 0L], accumulator.DayRows().Select(r => r.Sessions));
        Assert.Equal(1, accumulator.CohortRows()[^1].Sessions);
    }

    [Fact]
    public void Impressions_neither_open_nor_extend_sessions()
    {
        var events = new List<UserEvent> { EngagementProfiles.Event("v0", "u", EventType.View, Midnight.AddHours(9)) };
        // A list refreshed every 20 minutes would bridge every gap if it counted.
        for (var minutes = 20; minutes < 200; minutes += 20)
        {
            events.Add(EngagementProfiles.Event($"imp{minutes}", "u", EventType.Impression, Midnight.AddHours(9).AddMinutes(minutes)));
        }
        events.Add(EngagementProfiles.Event("v200", "u", EventType.View, Midnight.AddHours(9).AddMinutes(200)));
        var accumulator = Accumulator(1);
        accumulator.Add(EngagementProfiles.Aggregate(events).Single());

        Assert.Equal(new EngagementDayRow(AsOf, 1, 2, 2, 0, 0, 1), accumulator.DayRows().Single());
    }

    [Fact]
    public void A_profile_of_impressions_only_is_scanned_but_not_engaged()
    {
        var accumulator = Accumulator(1);
        accumulator.Add(EngagementProfiles.Aggregate([EngagementProfiles.Event("imp", "u", EventType.Impression, Midnight.AddHours(1))]).Single());

        Assert.Equal(1, accumulator.UsersScanned);
        Assert.Equal(0, accumulator.EngagedUsers);
        Assert.Equal([new EngagementCohortRow("all", 0, 0, 0, 0, 0)], accumulator.CohortRows());
    }

    [Fact]
    public void The_median_is_over_whole_minutes_and_a_day_or_longer_is_its_last_bin()
    {
        var accumulator = Accumulator(3);
        // March 9: sessions of 0, 5.5, 12 and 40 minutes; the median of 0, 5, 12 and 40 whole minutes is 8.5.
        accumulator.Add(User("a", (-1, "01:00")));
        accumulator.Add(User("b", (-1, "02:00"), (-1, "02:05:30")));
        accumulator.Add(User("c", (-1, "03:00"), (-1, "03:12")));
        accumulator.Add(User("d", (-1, "04:00"), (-1, "04:20"), (-1, "04:40")));
        // March 8: one session of 0 minutes and two of 1,475 minutes (60 events 25 minutes apart, into March 9).
        accumulator.Add(User("e", (-2, "12:00")));
        for (var u = 0; u < 2; u++)
        {
            var marathon = Enumerable.Range(0, 60).Select(i => EngagementProfiles.Event($"m{u}-{i}", $"m{u}", EventType.View, At(-2, "00:30").AddMinutes(25 * i)));
            accumulator.Add(EngagementProfiles.Aggregate(marathon).Single());
        }

        var rows = accumulator.DayRows();
        Assert.Equal(new EngagementDayRow(new DateOnly(2024, 3, 9), 4, 4, 1, (0 + 5.5 + 12 + 40) / 4, 8.5, 2), rows[1]);
        Assert.Equal(3, rows[0].Sessions);
        Assert.Equal(1440, rows[0].MedianSessionMinutes);
        Assert.Equal((1475 * 2) / 3.0, rows[0].MeanSessionMinutes, 9);
    }

    [Fact]
    public void Where_the_dedup_record_forgot_older_events_only_sessions_a_gap_after_its_oldest_entry_count()
    {
        var limits = new ProfileLimits { MaxSeenEventIds = 4 };
        // Sessions at 01:00, 02:00 (+ 02:10) and 05:00 (+ 05:20); the record keeps the newest four: 02:00, 02:10, 05:00, 05:20.
        // The 02:00 session may have begun before 02:00 (an evicted event 01:55 would belong to it): it does not count.
        var profile = EngagementProfiles.Aggregate(
            new[] { "01:00", "02:00", "02:10", "05:00", "05:20" }.Select((t, i) => EngagementProfiles.Event($"e{i}", "u", EventType.View, At(0, t))),
            limits).Single();
        var accumulator = new EngagementAccumulator(new LifecycleOptions(), limits, AsOf, 1);
        accumulator.Add(profile);

        Assert.Equal(new EngagementDayRow(AsOf, 1, 1, 1, 20, 20, 2), accumulator.DayRows().Single());
        Assert.Equal(1, accumulator.PartialUsers);

        // A window that starts a gap or more after the oldest remembered event is fully known.
        var later = new EngagementAccumulator(new LifecycleOptions(), limits, AsOf.AddDays(1), 1);
        later.Add(profile);
        Assert.Equal(0, later.PartialUsers);
    }

    [Fact]
    public void Served_impressions_do_not_make_a_user_partial_or_hide_their_sessions()
    {
        var limits = new ProfileLimits { MaxSeenEventIds = 8, MaxRecentImpressions = 4 };
        // Three sessions of activity, then 30 impressions of served lists (one bound for both would have kept 8 of the 33).
        var activity = new[] { "01:00", "03:00", "05:00" }.Select((t, i) => EngagementProfiles.Event($"v{i}", "u", EventType.View, At(0, t)));
        var impressions = Enumerable.Range(0, 30).Select(i => EngagementProfiles.Event($"imp{i}", "u", EventType.Impression, At(0, "06:00").AddMinutes(i)));
        var profile = EngagementProfiles.Aggregate(activity.Concat(impressions), limits).Single();
        var accumulator = new EngagementAccumulator(new LifecycleOptions(), limits, AsOf, 1);

        accumulator.Add(profile);

        Assert.Equal(0, accumulator.PartialUsers);
        Assert.Equal(3, accumulator.DayRows().Single().Sessions);
    }

    [Fact]
    public void Cohorts_are_first_seen_months_even_when_the_first_activity_is_before_the_window()
    {
        var accumulator = Accumulator(7);
        accumulator.Add(EngagementProfiles.Aggregate(
        [
            EngagementProfiles.Event("old", "january", EventType.View, new DateTimeOffset(2024, 1, 15, 8, 0, 0, TimeSpan.Zero)),
            EngagementProfiles.Event("a1", "january", EventType.View, At(-1, "10:00")),
            EngagementProfiles.Event("a2", "january", EventType.Click, At(-1, "10:06")),
            EngagementProfiles.Event("a3", "january", EventType.View, At(0, "10:00")),
        ]).Single());
        accumulator.Add(User("march", (-3, "10:00"), (-3, "10:10")));
        accumulator.Add(User("march-2", (0, "11:00")));

        Assert.Equal(
        [
            new EngagementCohortRow("2024-01", 1, 2, 2, 3, 1.5),
            new EngagementCohortRow("2024-03", 2, 2, 1, 5, 1.5),
            new EngagementCohortRow("all", 3, 4, 4 / 3.0, 4, 1.5),
        ], accumulator.CohortRows());
        Assert.Equal(3, accumulator.EngagedUsers);
    }

    [Fact]
    public void Accumulators_of_different_windows_or_gaps_do_not_merge()
    {
        var accumulator = Accumulator(7);

        Assert.Throws<ArgumentException>(() => accumulator.Merge(Accumulator(6)));
        Assert.Throws<ArgumentException>(() => accumulator.Merge(new EngagementAccumulator(new LifecycleOptions { SessionGapMinutes = 10 }, new ProfileLimits(), AsOf, 7)));
    }

    [Fact]
    public void The_session_gap_is_validated_with_the_other_lifecycle_options()
    {
        Assert.Equal(["SessionGapMinutes: 0 is outside 1..1440"], new LifecycleOptions { SessionGapMinutes = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new EngagementAccumulator(new LifecycleOptions { SessionGapMinutes = 1441 }, new ProfileLimits(), AsOf, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngagementAccumulator(new LifecycleOptions(), new ProfileLimits(), AsOf, 0));
    }

    private static EngagementAccumulator Accumulator(int days) => new(new LifecycleOptions(), new ProfileLimits(), AsOf, days);

    private static IReadOnlyList<EngagementDayRow> DayRows(int days, UserProfile profile)
    {
        var accumulator = Accumulator(days);
        accumulator.Add(profile);
        return accumulator.DayRows();
    }

    /// <summary>A user with one view at each (day relative to the as-of day, "hh:mm[:ss]" UTC).</summary>
    private static UserProfile User(string userId, params (int Day, string Time)[] views) =>
        EngagementProfiles.Aggregate(views.Select((v, i) => EngagementProfiles.Event($"{userId}-{i}", userId, EventType.View, At(v.Day, v.Time)))).Single();

    private static DateTimeOffset At(int day, string time) => Midnight.AddDays(day) + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
}
