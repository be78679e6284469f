using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Lifecycle.Engagement;

public sealed class EngagementProperties
{
    private static readonly DateOnly AsOf = DateOnly.FromDateTime(EngagementProfiles.Start.UtcDateTime).AddDays(6);

    /// <summary>A seed for the events and one for the arrival order.</summary>
    private static Arbitrary<(int Events, int Order)> Seeds() =>
        Gen.Choose(0, 1_000_000).Zip(Gen.Choose(0, 1_000_000)).ToArbitrary();

    [Property(MaxTest = 40)]
    public Property Event_arrival_order_changes_no_row() =>
        Prop.ForAll(Seeds(), seeds =>
        {
            var events = EngagementProfiles.Random(seeds.Events, users: 12, days: 8, maxEventsPerUser: 40);
            var shuffled = events.ToArray();
            new Random(seeds.Order).Shuffle(shuffled);
            var inOrder = Rows(EngagementProfiles.Aggregate(events));
            var outOfOrder = Rows(EngagementProfiles.Aggregate(shuffled));
            return inOrder.Days.SequenceEqual(outOfOrder.Days) && inOrder.Cohorts.SequenceEqual(outOfOrder.Cohorts);
        });

    [Property(MaxTest = 40)]
    public Property Merging_two_halves_equals_one_pass() =>
        Prop.ForAll(Seeds(), seeds =>
        {
            var profiles = EngagementProfiles.Aggregate(EngagementProfiles.Random(seeds.Events, users: 20, days: 8, maxEventsPerUser: 40));
            var split = new Random(seeds.Order);
            var left = Accumulator();
            var right = Accumulator();
            foreach (var profile in profiles)
            {
                (split.Next(2) == 0 ? left : right).Add(profile);
            }

            left.Merge(right);
            var one = Rows(profiles);
            return left.DayRows().SequenceEqual(one.Days) && left.CohortRows().SequenceEqual(one.Cohorts)
                && left.UsersScanned == profiles.Count;
        });

    [Property]
    public Property Two_activity_events_are_one_session_exactly_when_less_than_the_gap_apart() =>
        Prop.ForAll(Gen.Choose(1, 180).ToArbitrary(), Gen.Choose(-120, 120).ToArbitrary(), (gapMinutes, offsetSeconds) =>
        {
            var gap = TimeSpan.FromMinutes(gapMinutes);
            var first = EngagementProfiles.Start.AddDays(3).AddHours(1);
            // Around the boundary: the gap itself, a tick either side, and a couple of minutes either side.
            var apart = gap + TimeSpan.FromSeconds(offsetSeconds);
            var times = new[] { gap, gap - TimeSpan.FromTicks(1), gap + TimeSpan.FromTicks(1), apart }.Where(d => d >= TimeSpan.Zero);
            return times.All(d =>
            {
                var profile = EngagementProfiles.Aggregate(
                [
                    EngagementProfiles.Event("a", "u", EventType.View, first),
                    EngagementProfiles.Event("b", "u", EventType.Click, first + d),
                ]).Single();
                var accumulator = new EngagementAccumulator(new LifecycleOptions { SessionGapMinutes = gapMinutes }, new ProfileLimits(), AsOf, 7);
                accumulator.Add(profile);
                var expected = d < gap ? 1 : 2;
                return Sessions.Infer([first, first + d], gap).Count == expected
                    && accumulator.CohortRows()[^1].Sessions == expected;
            });
        });

    [Property]
    public Property Sessions_do_not_depend_on_the_order_of_their_times() =>
        Prop.ForAll(Gen.Choose(0, 600).ArrayOf().ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (minutes, seed) =>
        {
            var times = minutes.Select(m => EngagementProfiles.Start.AddMinutes(m)).ToArray();
            var sorted = Sessions.Infer(times.Order(), TimeSpan.FromMinutes(30));
            new Random(seed).Shuffle(times);
            var shuffled = Sessions.Infer(times, TimeSpan.FromMinutes(30));
            return sorted.SequenceEqual(shuffled) && sorted.Sum(s => s.Events) == minutes.Length;
        });

    private static EngagementAccumulator Accumulator() => new(new LifecycleOptions(), new ProfileLimits(), AsOf, 7);

    private static (IReadOnlyList<EngagementDayRow> Days, IReadOnlyList<EngagementCohortRow> Cohorts) Rows(IEnumerable<UserProfile> profiles)
    {
        var accumulator = Accumulator();
        foreach (var profile in profiles)
        {
            accumulator.Add(profile);
        }

        return (accumulator.DayRows(), accumulator.CohortRows());
    }
}
