using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Longview.Core.Serving;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Core.Tests.Ranking;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Simulation;

public sealed class ClosedLoopSimulationTests
{
    private static readonly ClosedLoopWorld World = new();

    private static RecommendationOptions Relevance() => new()
    {
        Weights = [],
        DefaultWeights = new RankingWeights { Diversity = 0, Novelty = 0, Fatigue = 0, ExplorationShare = 0, ChurnExplorationBoost = 0 },
    };

    [Fact]
    public async Task Same_seed_gives_identical_outcomes_and_another_seed_different_ones()
    {
        var first = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 3), new RecommendationOptions());
        var again = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 3), new RecommendationOptions());
        var other = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 4), new RecommendationOptions());

        Assert.Equal(first.Result.Users, again.Result.Users);
        Assert.Equal(first.Result.EventsIngested, again.Result.EventsIngested);
        Assert.Equal(first.Daily, again.Daily);
        Assert.NotEqual(first.Result.Users.Select(u => (u.Sessions, u.ItemsConsumed)), other.Result.Users.Select(u => (u.Sessions, u.ItemsConsumed)));
    }

    [Fact]
    public async Task Events_reach_the_profiles_through_ingestion()
    {
        var run = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 5, users: 40), new RecommendationOptions());

        // Every user arrived, so the retention code counted every one of them in a cohort of the store.
        Assert.Equal(40, run.Daily.Where(r => r.Day == 1).Sum(r => r.CohortSize));
        Assert.True(run.Result.EventsIngested > run.Result.Users.Sum(u => u.Sessions + u.Impressions));
    }

    [Fact]
    public async Task Changing_the_ranking_weights_of_the_service_changes_the_simulated_outcomes()
    {
        var model = new HashModel("m1", [.. World.Items.Select(i => i.ItemId)]);
        var explore = new RecommendationOptions
        {
            Weights = [],
            DefaultWeights = new RankingWeights { Diversity = 1, Novelty = 1, Fatigue = 2, ExplorationShare = 0.5, MaxExplorationShare = 0.5 },
        };

        var pure = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 8), Relevance(), model);
        var pureAgain = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 8), Relevance(), model);
        var explored = await World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 8), explore, model);

        Assert.True(model.Leases > 0, "the model was never asked: the loop did not go through the service's model path");
        Assert.Equal(pure.Result.Users, pureAgain.Result.Users);
        Assert.NotEqual(pure.Result.Users, explored.Result.Users);
        Assert.NotEqual(pure.Result.DistinctGenresPerUser, explored.Result.DistinctGenresPerUser);
    }

    [Fact]
    public async Task A_policy_that_only_repeats_seen_items_retains_worse_than_one_that_shows_fresh_ones()
    {
        var loop = ClosedLoopWorld.Loop(seed: 11, users: 300);
        var repeat = await World.RunAsync(loop, null, (store, _, _) => new ProfilePolicy(store, World, fresh: false));
        var fresh = await World.RunAsync(loop, null, (store, _, _) => new ProfilePolicy(store, World, fresh: true));

        Assert.True(fresh.Result.SessionsPerUser > repeat.Result.SessionsPerUser, $"sessions/user: fresh {fresh.Result.SessionsPerUser}, repeat {repeat.Result.SessionsPerUser}");
        Assert.True(fresh.Unbounded(7) > repeat.Unbounded(7), $"D7+: fresh {fresh.Unbounded(7)}, repeat {repeat.Unbounded(7)}");
        Assert.True(fresh.Result.ItemsConsumedPerUser > repeat.Result.ItemsConsumedPerUser);
    }

    [Fact]
    public async Task Options_out_of_range_are_refused_with_the_option_named()
    {
        var loop = ClosedLoopWorld.Loop(seed: 1);
        loop.Users = 0;
        loop.ArrivalDays = 99;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => World.ThroughServiceAsync(loop, new RecommendationOptions()));
        Assert.Contains("users: 0 is outside 1..100000", error.Message);
        Assert.Contains("arrival-days: 99 is outside 1..days (40)", error.Message);

        var model = new UserModelOptions { ChurnPerSession = 1.5 };
        var modelError = await Assert.ThrowsAsync<ArgumentException>(() => World.ThroughServiceAsync(ClosedLoopWorld.Loop(seed: 1), new RecommendationOptions(), userModel: model));
        Assert.Contains("ChurnPerSession: 1.5 is outside 0..1", modelError.Message);
    }

    [Fact]
    public async Task Retraining_is_called_every_N_simulated_days_between_sessions_with_the_clock_at_that_moment()
    {
        var loop = ClosedLoopWorld.Loop(seed: 2, users: 60);
        loop.RetrainEveryDays = 10;
        var retraining = new RecordingRetraining();

        var run = await World.RunAsync(loop, null, (store, c, _) =>
        {
            retraining.Clock = c;
            return new ProfilePolicy(store, World, fresh: true);
        }, retraining);

        Assert.Equal([loop.Start.AddDays(10), loop.Start.AddDays(20), loop.Start.AddDays(30)], retraining.Calls.Select(c => c.At));
        Assert.All(retraining.Calls, c => Assert.Equal(c.At, c.ClockThen));
        Assert.Equal(3, run.Result.Retrainings);

        loop.RetrainEveryDays = 40;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => World.RunAsync(loop, null, (store, _, _) => new ProfilePolicy(store, World, fresh: true), retraining));
        Assert.Contains("retrain-every: 40 is outside 1..days - 1 (39)", error.Message);
        loop.RetrainEveryDays = 10;
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => World.RunAsync(loop, null, (store, _, _) => new ProfilePolicy(store, World, fresh: true)));
        Assert.Contains("retrain-every: given, but this loop has no retraining to call", missing.Message);
    }

    private sealed class RecordingRetraining : IModelRetraining
    {
        public SimulatedClock? Clock { get; set; }

        public List<(DateTimeOffset At, DateTimeOffset ClockThen)> Calls { get; } = [];

        public Task RetrainAsync(DateTimeOffset at, CancellationToken cancellationToken)
        {
            Calls.Add((at, Clock!.Now));
            return Task.CompletedTask;
        }
    }

    /// <summary>Reads the user's live profile: recommends only items they engaged with (fresh: false) or only popular items they did not (fresh: true).</summary>
    private sealed class ProfilePolicy(InMemoryProfileStore store, ClosedLoopWorld world, bool fresh) : IRecommendationPolicy
    {
        private readonly string[] _byPopularity = [.. world.Popularity.Ranked];

        public async Task<IReadOnlyList<string>> RecommendAsync(string userId, int count, string recommendationId, CancellationToken cancellationToken)
        {
            var profile = (await store.GetAsync(userId, cancellationToken))?.Profile;
            var seen = profile?.Recent.Where(r => r.Type != Longview.Core.Events.EventType.Impression).Select(r => r.ItemId).Distinct().ToHashSet() ?? [];
            if (fresh)
            {
                return [.. _byPopularity.Where(i => !seen.Contains(i)).Take(count)];
            }
            // Nothing seen yet: the same head of the popularity list every time, so it is soon all seen too.
            return seen.Count == 0 ? [.. _byPopularity.Take(count)] : [.. seen.Take(count)];
        }
    }
}
