using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Retention;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Core.Tests.Simulation;

public sealed class UserModelTests
{
    private static readonly ClosedLoopWorld World = new();

    [Property(MaxTest = 60)]
    public Property A_reaction_shows_every_item_once_in_order_and_only_clicks_what_it_shows(int seed, NonEmptyArray<PositiveInt> picks)
    {
        var behaviour = new UserBehaviour(new UserModelOptions(), World.Prior, World.Features);
        var user = behaviour.Create(seed, 0, "u1", ClosedLoopWorld.Start);
        var shown = picks.Get.Take(20).Select(p => World.Items[p.Get % World.Items.Count].ItemId).Distinct().ToArray();

        var reaction = behaviour.React(user, shown, "rec-1", ClosedLoopWorld.Start);

        var impressions = reaction.Events.Where(e => e.Type == EventType.Impression).Select(e => e.ItemId).ToArray();
        var clicks = reaction.Events.Where(e => e.Type == EventType.Click).Select(e => e.ItemId!).ToArray();
        var ratings = reaction.Events.Where(e => e.Type == EventType.Rating).ToArray();
        var ordered = reaction.Events.Zip(reaction.Events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp);
        return (impressions.SequenceEqual(shown)
                && clicks.Length == reaction.Clicks
                && clicks.All(shown.Contains)
                && ratings.All(r => clicks.Contains(r.ItemId!) && r.Value is >= 1 and <= 5)
                && ordered
                && reaction.Events.Select(e => e.EventId).Distinct().Count() == reaction.Events.Count)
            .Label($"{shown.Length} shown, {clicks.Length} clicks, {ratings.Length} ratings, ordered {ordered}");
    }

    [Fact]
    public void Items_already_consumed_count_as_boring_and_are_rarely_clicked_again()
    {
        var options = new UserModelOptions { ExamineDecay = 1, ClickIntercept = 5, RepeatClickFactor = 0 };
        var behaviour = new UserBehaviour(options, World.Prior, World.Features);
        var user = behaviour.Create(1, 0, "u1", ClosedLoopWorld.Start);
        var shown = World.Items.Take(8).Select(i => i.ItemId).ToArray();

        var first = behaviour.React(user, shown, "rec-1", ClosedLoopWorld.Start);
        var second = behaviour.React(user, shown, "rec-2", ClosedLoopWorld.Start.AddDays(1));

        Assert.True(first.Clicks >= 6, $"an almost certain click intercept clicked only {first.Clicks} of 8");
        Assert.Equal(0, first.Boring);
        Assert.Equal(0, second.Clicks);
        Assert.Equal(first.Clicks, second.Boring);
    }

    [Fact]
    public void Satisfied_users_come_back_sooner_and_churn_less_than_bored_ones()
    {
        var behaviour = new UserBehaviour(new UserModelOptions(), World.Prior, World.Features);
        var satisfied = Returns(behaviour, shown: 10, clicks: 5, boring: 0);
        var bored = Returns(behaviour, shown: 10, clicks: 2, boring: 3);

        Assert.True(satisfied.Churned < bored.Churned, $"churned: satisfied {satisfied.Churned}, bored {bored.Churned}");
        Assert.True(satisfied.MeanDays < bored.MeanDays, $"mean days to return: satisfied {satisfied.MeanDays}, bored {bored.MeanDays}");
    }

    [Fact]
    public void The_taste_prior_bootstraps_real_users_and_marks_the_top_quartile_heavy()
    {
        var random = new Random(1);
        var draws = Enumerable.Range(0, 2_000).Select(_ => World.Prior.Draw(random, 0.75)).ToArray();

        Assert.All(draws, d => Assert.Equal(1, d.Taste.Sum(), 9));
        Assert.InRange(draws.Count(d => d.Heavy) / (double)draws.Length, 0.15, 0.35);
        // The fitting users favour one genre each (70% of their items): a drawn taste is far from uniform.
        Assert.All(draws, d => Assert.True(d.Taste.Max() > 1.2 / ClosedLoopWorld.Genres.Length));
    }

    [Fact]
    public void Mean_interval_uses_students_t_over_seeds()
    {
        var interval = MeanInterval.Of([1, 2, 3]);

        Assert.Equal(2, interval.Mean, 12);
        Assert.Equal(4.303 / Math.Sqrt(3), interval.HalfWidth, 9);
        Assert.False(MeanInterval.Of([0.5]).ExcludesZero);
        Assert.True(MeanInterval.Of([1, 1.1, 0.9]).ExcludesZero);
    }

    [Fact]
    public void Return_distribution_reads_exact_day_retention_pooled_over_cohorts()
    {
        var day0 = new DateOnly(2026, 1, 1);
        UserActivity User(string id, int first, params int[] later) =>
            new(id, day0.AddDays(first), [.. new[] { first }.Concat(later).Select(d => day0.AddDays(d))], day0.AddDays(later.Length == 0 ? first : later.Max()));
        var activities = new[] { User("a", 0, 1, 7), User("b", 0), User("c", 1, 2), User("d", 40, 41) };

        var distribution = ReturnDistribution.FromActivities(activities);

        Assert.Equal(0.75, distribution.ExactDayRates[0], 12); // a, c and d on their day 1 of 4 users
        Assert.Equal(1 / 3.0, distribution.ExactDayRates[6], 12); // d's cohort has not reached day 7 as of day 41
        Assert.Equal(0, distribution.DistanceTo(distribution));
        Assert.True(new ReturnDistribution([.. distribution.ExactDayRates.Select(r => r / 2)]).DistanceTo(distribution) > 0);
    }

    private static (double Churned, double MeanDays) Returns(UserBehaviour behaviour, int shown, int clicks, int boring)
    {
        var churned = 0;
        var days = new List<double>();
        for (var i = 0; i < 2_000; i++)
        {
            var user = behaviour.Create(9, i, $"u{i}", ClosedLoopWorld.Start);
            if (behaviour.NextReturn(user, shown, clicks, boring) is { } gap)
            {
                days.Add(gap.TotalDays);
            }
            else
            {
                churned++;
            }
        }
        return (churned / 2_000.0, days.Count == 0 ? double.PositiveInfinity : days.Average());
    }
}
