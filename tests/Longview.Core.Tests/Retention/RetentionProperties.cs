using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Lifecycle;
using Longview.Core.Retention;

namespace Longview.Core.Tests.Retention;

/// <summary>
/// Properties over random populations. Where a property needs the "right answer" it is computed by brute force
/// over plain sets of days (a deliberately naive second formulation), never by the code under test.
/// </summary>
public sealed class RetentionProperties
{
    private static readonly DateOnly Base = new(2023, 11, 20);
    private static readonly RetentionOptions Options = new() { Days = [1, 3, 7, 14, 30], Months = 4 };

    public sealed record Scenario(UserActivity[] Users, DateOnly From, DateOnly To, DateOnly AsOf)
    {
        public override string ToString() =>
            $"from {From} to {To} as of {AsOf}; users: " +
            string.Join(" | ", Users.Select(u => $"{u.UserId}: {string.Join(",", u.ActiveDays.Select(d => d.ToString("MM-dd")))}"));
    }

    // Later days sit at offsets that straddle the configured N (N - 1, N, N + 1) so that edges are hit often.
    private static readonly int[] Offsets = [1, 2, 3, 4, 6, 7, 8, 13, 14, 15, 29, 30, 31, 40, 45, 60, 75, 90];

    private static Gen<UserActivity> UserGen(int index) =>
        from first in Gen.Choose(0, 100)
        from offsets in Gen.Elements(Offsets).ListOf()
        select UserActivity.FromDays($"u{index}", offsets.Take(10).Prepend(0).Select(o => Base.AddDays(first + o)));

    // The as-of day is either anywhere or exactly on (or next to) some user's active day, where the as-of rule bites.
    private static Gen<int> AsOfGen(UserActivity[] users) =>
        users.Length == 0
            ? Gen.Choose(0, 220)
            : Gen.OneOf(
                Gen.Choose(0, 220),
                from day in Gen.Elements(users.SelectMany(u => u.ActiveDays).ToArray())
                from shift in Gen.Choose(-1, 1)
                select day.DayNumber - Base.DayNumber + shift);

    private static Arbitrary<Scenario> Scenarios() =>
        (from count in Gen.Choose(0, 30)
         from users in Gen.CollectToArray(Enumerable.Range(0, count), UserGen)
         from start in Gen.Choose(0, 100)
         from length in Gen.Choose(0, 120)
         from asOf in AsOfGen(users)
         select new Scenario(users, Base.AddDays(start), Base.AddDays(start + length), Base.AddDays(asOf))).ToArbitrary();

    private static IReadOnlyList<DailyCohortRow> Daily(Scenario s, IEnumerable<UserActivity> users)
    {
        var table = new DailyRetention(Options, s.From, s.To, s.AsOf);
        foreach (var user in users)
        {
            table.Add(user);
        }
        return table.Rows();
    }

    private static IReadOnlyList<MonthlyCohortRow> Monthly(Scenario s, IEnumerable<UserActivity> users)
    {
        var table = new MonthlyRetention(Options, s.From, s.To, s.AsOf);
        foreach (var user in users)
        {
            table.Add(user);
        }
        return table.Rows();
    }

    private static IEnumerable<DateOnly> KnownDays(UserActivity user, DateOnly asOf) => user.ActiveDays.Where(d => d <= asOf);

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    [Property(MaxTest = 300)]
    public Property Daily_table_equals_brute_force_and_rates_are_proportions() => Prop.ForAll(Scenarios(), s =>
    {
        var rows = Daily(s, s.Users);
        var inRange = s.Users.Where(u => u.FirstSeenDay >= s.From && u.FirstSeenDay <= s.To && u.FirstSeenDay <= s.AsOf).ToArray();
        var expected = inRange.GroupBy(u => u.FirstSeenDay).OrderBy(g => g.Key).SelectMany(cohort => Options.Days.Select(n =>
        {
            var target = cohort.Key.AddDays(n);
            if (target > s.AsOf)
            {
                return new DailyCohortRow(cohort.Key, n, cohort.Count(), null, null, null, null);
            }
            var retained = cohort.Count(u => KnownDays(u, s.AsOf).Contains(target));
            var later = cohort.Count(u => KnownDays(u, s.AsOf).Any(d => d >= target));
            return new DailyCohortRow(cohort.Key, n, cohort.Count(), retained, later, (double)retained / cohort.Count(), (double)later / cohort.Count());
        })).ToList();

        Assert.Equal(expected, rows);
        Assert.Equal(inRange.Length, rows.DistinctBy(r => r.Cohort).Sum(r => r.CohortSize));
        Assert.All(rows.Where(r => r.Retained is not null), r =>
        {
            Assert.InRange(r.RetentionRate!.Value, 0.0, 1.0);
            Assert.InRange(r.UnboundedRate!.Value, 0.0, 1.0);
            Assert.True(r.Retained <= r.RetainedOrLater, $"unbounded below N-day at {r}");
        });
    });

    [Property(MaxTest = 300)]
    public Property Monthly_table_equals_brute_force_and_rates_are_proportions() => Prop.ForAll(Scenarios(), s =>
    {
        var rows = Monthly(s, s.Users);
        var inRange = s.Users.Where(u => MonthStart(u.FirstSeenDay) >= MonthStart(s.From) && MonthStart(u.FirstSeenDay) <= MonthStart(s.To) && u.FirstSeenDay <= s.AsOf).ToArray();
        var expected = inRange.GroupBy(u => MonthStart(u.FirstSeenDay)).OrderBy(g => g.Key).SelectMany(cohort => Enumerable.Range(1, Options.Months).Select(n =>
        {
            var month = cohort.Key.AddMonths(n);
            if (month.AddMonths(1).AddDays(-1) > s.AsOf)
            {
                return new MonthlyCohortRow(cohort.Key, n, cohort.Count(), null, null, null, null);
            }
            var retained = cohort.Count(u => KnownDays(u, s.AsOf).Any(d => MonthStart(d) == month));
            var later = cohort.Count(u => KnownDays(u, s.AsOf).Any(d => MonthStart(d) >= month));
            return new MonthlyCohortRow(cohort.Key, n, cohort.Count(), retained, later, (double)retained / cohort.Count(), (double)later / cohort.Count());
        })).ToList();

        Assert.Equal(expected, rows);
        Assert.Equal(inRange.Length, rows.DistinctBy(r => r.CohortMonth).Sum(r => r.CohortSize));
        Assert.All(rows.Where(r => r.Retained is not null), r =>
        {
            Assert.InRange(r.RetentionRate!.Value, 0.0, 1.0);
            Assert.InRange(r.UnboundedRate!.Value, 0.0, 1.0);
            Assert.True(r.Retained <= r.RetainedOrLater, $"unbounded below N-month at {r}");
        });
    });

    [Property(MaxTest = 200)]
    public Property Tables_do_not_depend_on_user_order_duplicate_days_or_duplicate_events() =>
        Prop.ForAll(Scenarios(), Arb.From(Gen.Choose(0, int.MaxValue)), (s, seed) =>
        {
            var random = new Random(seed);
            // Every day of every user as an event, each event twice, the whole stream shuffled.
            var events = s.Users
                .SelectMany(u => u.ActiveDays.Select(d => new UserEvent($"{u.UserId}:{d}", u.UserId, "item", EventType.View,
                    new DateTimeOffset(d.ToDateTime(new TimeOnly(random.Next(24), 0)), TimeSpan.Zero))))
                .SelectMany(e => new[] { e, e })
                .OrderBy(_ => random.Next())
                .ToArray();
            var collector = new UserActivityCollector();
            foreach (var e in events)
            {
                collector.Add(e);
            }
            var fromEvents = collector.Activities().OrderBy(_ => random.Next()).ToArray();
            var withDuplicateDays = s.Users.Select(u => UserActivity.FromDays(u.UserId, u.ActiveDays.Concat(u.ActiveDays.Reverse()))).Reverse().ToArray();

            Assert.Equal(Daily(s, s.Users), Daily(s, fromEvents));
            Assert.Equal(Daily(s, s.Users), Daily(s, withDuplicateDays));
            Assert.Equal(Monthly(s, s.Users), Monthly(s, fromEvents));
            Assert.Equal(Monthly(s, s.Users), Monthly(s, withDuplicateDays));
        });

    [Property(MaxTest = 300)]
    public Property Activity_series_equals_brute_force_and_dau_le_wau_le_mau() => Prop.ForAll(Scenarios(), s =>
    {
        var series = new ActivitySeries(Options, s.From, s.To);
        foreach (var user in s.Users)
        {
            series.Add(user);
        }
        var rows = series.Rows();

        Assert.Equal(s.To.DayNumber - s.From.DayNumber + 1, rows.Count);
        foreach (var row in rows)
        {
            long ActiveWithin(int window) => s.Users.Count(u => u.ActiveDays.Any(d => d <= row.Day && d > row.Day.AddDays(-window)));
            Assert.Equal(ActiveWithin(1), row.Dau);
            Assert.Equal(ActiveWithin(7), row.Wau);
            Assert.Equal(ActiveWithin(30), row.Mau);
            Assert.True(row.Dau <= row.Wau && row.Wau <= row.Mau, row.ToString());
            Assert.Equal(row.Mau == 0 ? null : (double)row.Dau / row.Mau, row.Stickiness);
        }
    });

    [Property(MaxTest = 300)]
    public Property Segment_counts_sum_to_users_seen_by_the_as_of_day_and_churn_risk_is_a_probability() => Prop.ForAll(Scenarios(), s =>
    {
        var tally = new SegmentTally(new LifecycleClassifier(Options.Lifecycle), s.AsOf);
        var score = new RecencyFrequencyChurnScore(Options.Lifecycle);
        foreach (var user in s.Users)
        {
            var risk = user.FirstSeenDay <= s.AsOf ? score.Score(user, s.AsOf) : (double?)null;
            Assert.True(risk is null or (>= 0 and <= 1), $"risk {risk}");
            tally.Add(user, risk);
        }

        Assert.Equal(s.Users.Count(u => u.FirstSeenDay <= s.AsOf), tally.Counts().Total);
    });

    [Property(MaxTest = 200)]
    public Property Merging_any_split_equals_the_whole() =>
        Prop.ForAll(Scenarios(), Arb.From(Gen.Choose(0, 30)), (s, cut) =>
        {
            var at = Math.Min(cut, s.Users.Length);
            var daily = new DailyRetention(Options, s.From, s.To, s.AsOf);
            var dailyRest = new DailyRetention(Options, s.From, s.To, s.AsOf);
            var monthly = new MonthlyRetention(Options, s.From, s.To, s.AsOf);
            var monthlyRest = new MonthlyRetention(Options, s.From, s.To, s.AsOf);
            var activity = new ActivitySeries(Options, s.From, s.To);
            var activityRest = new ActivitySeries(Options, s.From, s.To);
            var whole = new ActivitySeries(Options, s.From, s.To);
            for (var i = 0; i < s.Users.Length; i++)
            {
                (i < at ? daily : dailyRest).Add(s.Users[i]);
                (i < at ? monthly : monthlyRest).Add(s.Users[i]);
                (i < at ? activity : activityRest).Add(s.Users[i]);
                whole.Add(s.Users[i]);
            }
            daily.Merge(dailyRest);
            monthly.Merge(monthlyRest);
            activity.Merge(activityRest);

            Assert.Equal(Daily(s, s.Users), daily.Rows());
            Assert.Equal(Monthly(s, s.Users), monthly.Rows());
            Assert.Equal(whole.Rows(), activity.Rows());
        });

    [Property(MaxTest = 200)]
    public Property Activity_after_the_as_of_day_changes_no_table_and_no_segment() =>
        Prop.ForAll(Scenarios(), Arb.From(Gen.Choose(1, 60)), (s, later) =>
        {
            // Each user also comes back some days after the as-of day (which also moves LastSeenDay past it).
            var withFuture = s.Users.Select(u => UserActivity.FromDays(u.UserId, u.ActiveDays.Append(Max(u.LastSeenDay, s.AsOf).AddDays(later)))).ToArray();
            var classifier = new LifecycleClassifier(Options.Lifecycle);
            var score = new RecencyFrequencyChurnScore(Options.Lifecycle);

            Assert.Equal(Daily(s, s.Users), Daily(s, withFuture));
            Assert.Equal(Monthly(s, s.Users), Monthly(s, withFuture));
            for (var i = 0; i < s.Users.Length; i++)
            {
                Assert.Equal(classifier.Classify(s.Users[i], s.AsOf), classifier.Classify(withFuture[i], s.AsOf));
                if (s.Users[i].FirstSeenDay <= s.AsOf)
                {
                    Assert.Equal(score.Score(s.Users[i], s.AsOf), score.Score(withFuture[i], s.AsOf));
                }
            }
        });

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
