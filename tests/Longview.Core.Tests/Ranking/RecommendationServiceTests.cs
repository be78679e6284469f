using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serving;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Serving.Popularity;

namespace Longview.Core.Tests.Ranking;

public sealed class RecommendationServiceTests
{
    [Property(MaxTest = 150)]
    public bool Never_returns_consumed_fatigued_or_excluded_items_nor_duplicates(int seed, byte events, byte count, bool withModel)
    {
        var world = new ServingWorld(seed);
        var profile = world.Profile("u1", events % 80, seed);
        var random = new Random(seed);
        var exclude = world.Items.Where(_ => random.Next(6) == 0).Select(i => i.ItemId).ToArray();
        var want = 1 + count % 30;
        var service = world.Service(withModel ? world.Model() : new NoModel(), profile);

        var result = service.RecommendAsync("u1", new RecommendationRequest(want, Explain: true, Exclude: exclude)).Result;

        var ids = result.Items.Select(i => i.ItemId).ToList();
        var consumed = profile.Recent.Where(e => world.Options.Exclusions.ConsumedTypes.Contains(e.Type)).Select(e => e.ItemId).ToHashSet();
        var fatigued = ImpressionFatigue.Compute(profile, ServingWorld.Now, world.Options.Exclusions.FatigueHalfLife)
            .Where(p => p.Value >= world.Options.Exclusions.FatigueThreshold).Select(p => p.Key);
        var forbidden = consumed.Concat(exclude).Concat(fatigued).ToHashSet();
        var available = world.Items.Count(i => !forbidden.Contains(i.ItemId));
        return ids.Distinct().Count() == ids.Count
            && !ids.Any(forbidden.Contains)
            && ids.Count == Math.Min(want, available)
            && result.Items.All(i => !string.IsNullOrEmpty(i.Reason));
    }

    [Property(MaxTest = 100)]
    public bool The_same_request_gives_the_same_list(int seed, byte events)
    {
        var world = new ServingWorld(seed);
        var profile = world.Profile("u1", events % 50, seed);
        var request = new RecommendationRequest(10, Explain: true, RecommendationId: "r-1");

        var first = world.Service(world.Model(), profile).RecommendAsync("u1", request).Result;
        var second = world.Service(world.Model(), profile).RecommendAsync("u1", request).Result;

        return first.Items.SequenceEqual(second.Items) && first.Segment == second.Segment;
    }

    // Reasons (and the history anchors behind them) are computed only when asked for: they must never move a pick.
    [Property(MaxTest = 100)]
    public bool Explain_only_adds_reasons_never_changes_items_or_scores(int seed, byte events, bool withModel)
    {
        var world = new ServingWorld(seed);
        var profile = world.Profile("u1", 5 + events % 60, seed);

        var plain = world.Service(withModel ? world.Model() : new NoModel(), profile).RecommendAsync("u1", new RecommendationRequest(10, RecommendationId: "r-1")).Result;
        var explained = world.Service(withModel ? world.Model() : new NoModel(), profile).RecommendAsync("u1", new RecommendationRequest(10, Explain: true, RecommendationId: "r-1")).Result;

        return plain.Items.Select(i => (i.ItemId, i.Score)).SequenceEqual(explained.Items.Select(i => (i.ItemId, i.Score)))
            && plain.Items.All(i => i.Reason is null)
            && explained.Items.All(i => !string.IsNullOrEmpty(i.Reason));
    }

    [Property(MaxTest = 100)]
    public bool Category_filter_is_honoured(int seed, byte events, bool withModel)
    {
        var world = new ServingWorld(seed);
        var profile = world.Profile("u1", events % 50, seed);
        var service = world.Service(withModel ? world.Model() : new NoModel(), profile);

        var result = service.RecommendAsync("u1", new RecommendationRequest(20, Category: "jazz")).Result;

        var jazz = world.Items.Where(i => i.Categories.Contains("jazz")).Select(i => i.ItemId).ToHashSet();
        return result.Items.All(i => jazz.Contains(i.ItemId));
    }

    [Property(MaxTest = 100)]
    public bool Because_you_liked_names_another_item_from_the_users_history(int seed, byte events)
    {
        var world = new ServingWorld(seed);
        var profile = world.Profile("u1", 5 + events % 60, seed);
        world.Options.Exclusions.ConsumedTypes.Clear(); // let history items come back, the case where self-anchoring could happen

        var result = world.Service(world.Model(), profile).RecommendAsync("u1", new RecommendationRequest(20, Explain: true)).Result;

        var titles = world.Items.ToDictionary(i => i.ItemId, i => i.Title);
        var history = profile.Recent.Select(e => titles[e.ItemId]).ToHashSet();
        return result.Items
            .Where(i => i.Reason!.StartsWith("because you liked ", StringComparison.Ordinal))
            .All(i => i.Reason!["because you liked ".Length..] is var anchor && history.Contains(anchor) && anchor != titles[i.ItemId]);
    }

    [Fact]
    public async Task A_known_user_with_history_is_served_by_the_model_from_the_newest_known_items()
    {
        var world = new ServingWorld(3);
        var model = world.Model("m7");
        var at = ServingWorld.Now.AddDays(-1);
        var profile = world.Build("u1", [("i1", EventType.View, at), ("unknown", EventType.View, at.AddMinutes(1)), ("i2", EventType.Impression, at.AddMinutes(2)), ("i3", EventType.View, at.AddMinutes(3))]);

        var result = await world.Service(model, profile).RecommendAsync("u1", new RecommendationRequest(5));

        Assert.Equal("m7", result.ModelVersion);
        Assert.Equal([1, 3], model.LastSequence!); // unknown skipped, impressions are not interest
        Assert.Equal(5, result.Items.Count);
        Assert.All(result.Items, i => Assert.Null(i.Reason));
    }

    [Fact]
    public async Task A_high_churn_risk_makes_an_active_user_at_risk_and_widens_exploration()
    {
        var world = new ServingWorld(21);
        var now = ServingWorld.Now;
        // Active on most of the last 60 days, so only the churn model can make this user at risk.
        var profile = world.Build("u1", Enumerable.Range(0, 60).Select(d => (world.Items[d % world.Items.Count].ItemId, EventType.View, now.AddDays(-d).AddHours(-1))));
        var request = new RecommendationRequest(20, Explain: true, RecommendationId: "r");

        var calm = await world.Service(world.Model(churn: 0.05f), profile).RecommendAsync("u1", request);
        var risky = await world.Service(world.Model(churn: 0.95f), profile).RecommendAsync("u1", request);

        Assert.Equal("active", calm.Segment);
        Assert.Equal("at_risk", risky.Segment);
        static int Explored(Recommendation r) => r.Items.Count(i => i.Reason!.StartsWith("something", StringComparison.Ordinal));
        Assert.True(Explored(risky) > Explored(calm), $"exploration slots: calm {Explored(calm)}, at risk {Explored(risky)}");
    }

    [Fact]
    public async Task A_model_failing_at_run_time_degrades_to_cold_start_instead_of_failing_the_request()
    {
        var world = new ServingWorld(23);
        var profile = world.Build("u1", Enumerable.Range(0, 60).Select(d => (world.Items[d % world.Items.Count].ItemId, EventType.View, ServingWorld.Now.AddDays(-d).AddHours(-1))));
        var broken = new HashModel("m-broken", world.Items.Select(i => i.ItemId).ToList(), churn: 0.9f, broken: true);

        var result = await world.Service(broken, profile).RecommendAsync("u1", new RecommendationRequest(10, Explain: true));

        Assert.Equal(10, result.Items.Count);
        Assert.DoesNotContain(result.Items, i => i.Reason!.StartsWith("because you liked", StringComparison.Ordinal));
        Assert.Equal("active", result.Segment); // the failed churn model did not count as a risk of 0.9
    }

    [Fact]
    public async Task Unknown_user_gets_cold_start_not_an_error()
    {
        var world = new ServingWorld(5);

        var result = await world.Service(world.Model("m1")).RecommendAsync("nobody", new RecommendationRequest(10, Explain: true));

        Assert.Equal("new", result.Segment);
        Assert.Equal(10, result.Items.Count);
        Assert.False(string.IsNullOrEmpty(result.RecommendationId));
        // Cold start leads with the most popular item.
        Assert.Equal(world.Popularity.Ranked[0], result.Items[0].ItemId);
    }

    [Fact]
    public async Task No_model_falls_back_with_the_fallback_version()
    {
        var world = new ServingWorld(5);
        var profile = world.Profile("u1", 30, 5);

        var result = await world.Service(new NoModel(), profile).RecommendAsync("u1", new RecommendationRequest(10));

        Assert.Equal(RecommendationService.FallbackVersion, result.ModelVersion);
        Assert.Equal(10, result.Items.Count);
    }

    [Fact]
    public async Task Cold_start_blends_popularity_with_the_categories_the_user_showed_interest_in()
    {
        var world = new ServingWorld(11);
        // Two equally popular items; the user viewed something in the first one's category only.
        var jazz = world.Items.First(i => i.Categories.SequenceEqual(["jazz"]));
        var other = world.Items.First(i => !i.Categories.Contains("jazz") && i.Categories.All(c => c != "jazz"));
        var seen = world.Items.First(i => i.Categories.Contains("jazz") && i.ItemId != jazz.ItemId);
        world.Popularity = new PopularityTable([KeyValuePair.Create(jazz.ItemId, 50.0), KeyValuePair.Create(other.ItemId, 50.0)]);
        var profile = world.Build("u1", [(seen.ItemId, EventType.View, ServingWorld.Now.AddHours(-1))]);
        world.Options.Weights[Core.Lifecycle.LifecycleSegment.New].ExplorationShare = 0;

        var result = await world.Service(new NoModel(), profile).RecommendAsync("u1", new RecommendationRequest(2, Explain: true));

        Assert.Equal(jazz.ItemId, result.Items[0].ItemId);
        Assert.Equal("popular in jazz", result.Items[0].Reason);
    }

    [Fact]
    public async Task New_items_get_exploration_slots_for_new_users()
    {
        var world = new ServingWorld(13);
        var fresh = world.Items.Where(i => i.CreatedAt > ServingWorld.Now.AddDays(-14)).Select(i => i.ItemId).ToHashSet();
        Assert.NotEmpty(fresh);

        var result = await world.Service(world.Model()).RecommendAsync("nobody", new RecommendationRequest(8, Explain: true));

        Assert.Contains(result.Items, i => fresh.Contains(i.ItemId) && i.Reason == "something new");
    }

    [Fact]
    public void Impressions_without_engagement_fatigue_an_item_until_they_decay_or_the_user_engages()
    {
        var world = new ServingWorld(17);
        world.Popularity = new PopularityTable(world.Items.Select((item, i) => KeyValuePair.Create(item.ItemId, 1000.0 - i)));
        var top = world.Popularity.Ranked[0];
        var now = ServingWorld.Now;
        UserProfile Shown(params (string, EventType, DateTimeOffset)[] events) => world.Build("u1", [(top, EventType.View, now.AddDays(-40)), .. events]);
        (string, EventType, DateTimeOffset) Impression(double daysAgo) => (top, EventType.Impression, now.AddDays(-daysAgo));
        (string, EventType, DateTimeOffset) Event(EventType type, double daysAgo) => (top, type, now.AddDays(-daysAgo));

        bool Allowed(UserProfile p) => !ItemExclusions.For(p, [], now, world.Options.Exclusions).IsExcluded(top);

        // Four fresh impressions reach the threshold of 3 (each decays with a 3-day half-life).
        Assert.False(Allowed(Shown(Impression(0.4), Impression(0.3), Impression(0.2), Impression(0.1))));
        // A view is not engagement: still fatigued.
        Assert.False(Allowed(Shown(Impression(0.4), Impression(0.3), Event(EventType.View, 0.25), Impression(0.2), Impression(0.1))));
        // The same impressions a month ago have decayed away.
        Assert.True(Allowed(Shown(Impression(30), Impression(29), Impression(28), Impression(27))), "decayed");
        // A click wipes the impressions before it (clicks made non-consuming here so only fatigue decides).
        world.Options.Exclusions.ConsumedTypes.Remove(EventType.Click);
        Assert.True(Allowed(Shown(Impression(0.4), Impression(0.3), Impression(0.2), Event(EventType.Click, 0.15), Impression(0.1))), "click");
    }

    [Theory]
    [InlineData(0, "count")]
    [InlineData(101, "count")]
    public async Task Out_of_range_count_is_refused_with_the_parameter_named(int count, string parameter)
    {
        var world = new ServingWorld(1);

        var error = await Assert.ThrowsAsync<InvalidRecommendationRequestException>(() => world.Service(new NoModel()).RecommendAsync("u1", new RecommendationRequest(count)));

        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public async Task Oversized_exclusions_and_ids_are_refused()
    {
        var service = new ServingWorld(1).Service(new NoModel());

        var tooMany = await Assert.ThrowsAsync<InvalidRecommendationRequestException>(() =>
            service.RecommendAsync("u1", new RecommendationRequest(Exclude: Enumerable.Range(0, 501).Select(i => $"x{i}").ToArray())));
        var longId = await Assert.ThrowsAsync<InvalidRecommendationRequestException>(() =>
            service.RecommendAsync(new string('u', 257), new RecommendationRequest()));
        var empty = await Assert.ThrowsAsync<InvalidRecommendationRequestException>(() =>
            service.RecommendAsync("u1", new RecommendationRequest(Exclude: ["ok", ""])));

        Assert.Equal("exclude", tooMany.Parameter);
        Assert.Equal("userId", longId.Parameter);
        Assert.Equal("exclude[1]", empty.Parameter);
    }
}
