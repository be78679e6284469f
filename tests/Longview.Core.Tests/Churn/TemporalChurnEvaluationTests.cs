using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Churn;
using Longview.Core.Retention;

namespace Longview.Core.Tests.Churn;

public sealed class TemporalChurnEvaluationTests
{
    private static readonly DateOnly Cutoff = new(2026, 6, 30);

    [Fact]
    public void Labels_come_from_the_horizon_after_the_cut_off_and_features_from_before_it()
    {
        var user = UserActivity.FromDays("u", [Cutoff.AddDays(-10), Cutoff.AddDays(-3), Cutoff.AddDays(5)]);

        var features = ChurnFeatures.AsOf(user, Cutoff)!;

        Assert.Equal(3, features.RecencyDays);
        Assert.Equal(10, features.TenureDays);
        Assert.Equal(2, features.ActiveDaysTotal);
        Assert.Equal(1, features.History.Frequency);
        Assert.False(ChurnFeatures.ChurnedAfter(user, Cutoff, 5));
        Assert.True(ChurnFeatures.ChurnedAfter(user, Cutoff, 4));
        Assert.Null(ChurnFeatures.AsOf(UserActivity.FromDays("later", [Cutoff.AddDays(1)]), Cutoff));
    }

    [Fact]
    public void Activity_after_the_horizon_changes_nothing_and_every_score_is_judged_on_the_same_users()
    {
        var users = Population(seed: 3);
        var extended = users.Select(u => UserActivity.FromDays(u.UserId, u.ActiveDays.Append(Cutoff.AddDays(200)))).ToList();

        var results = TemporalChurnEvaluation.Run(users, Cutoff, 30, new LifecycleOptions());
        var again = TemporalChurnEvaluation.Run(extended, Cutoff, 30, new LifecycleOptions());

        Assert.Equal(results.Select(r => r.Scorecard.RocAuc), again.Select(r => r.Scorecard.RocAuc));
        Assert.Single(results.Select(r => r.Scorecard.Users).Distinct());
        Assert.Contains(results, r => r.Method == TemporalChurnEvaluation.Logistic);
    }

    [Fact]
    public void When_recent_and_frequent_users_stay_every_behavioural_score_ranks_better_than_chance()
    {
        var results = TemporalChurnEvaluation.Run(Population(seed: 11), Cutoff, 30, new LifecycleOptions());

        foreach (var method in new[] { TemporalChurnEvaluation.Recency, TemporalChurnEvaluation.BgNbdNoActivity, TemporalChurnEvaluation.Logistic })
        {
            Assert.True(results.Single(r => r.Method == method).Scorecard.RocAuc > 0.6, method);
        }
    }

    /// <summary>Users with a personal daily activity rate who stop for good at a random day: rate and recency predict churn.</summary>
    private static List<UserActivity> Population(int seed)
    {
        var random = new Random(seed);
        var start = Cutoff.AddDays(-180);
        var users = new List<UserActivity>();
        for (var u = 0; u < 600; u++)
        {
            var rate = 0.02 + (random.NextDouble() * 0.4);
            var first = start.AddDays(random.Next(0, 150));
            var stop = first.AddDays(random.Next(1, 400));
            var days = new List<DateOnly> { first };
            for (var d = first.AddDays(1); d < stop && d <= Cutoff.AddDays(60); d = d.AddDays(1))
            {
                if (random.NextDouble() < rate)
                {
                    days.Add(d);
                }
            }
            users.Add(UserActivity.FromDays($"user-{u}", days));
        }
        return users;
    }
}
