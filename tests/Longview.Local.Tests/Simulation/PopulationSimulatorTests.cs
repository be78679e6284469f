using Longview.Core.Events;
using Longview.Core.Simulation;

namespace Longview.Local.Tests.Simulation;

public sealed class PopulationSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SimulationOptions Options(int seed = 7, int users = 400) =>
        new() { Seed = seed, Users = users, Items = 150, Days = 90, Start = Start };

    [Fact]
    public void The_same_seed_gives_the_same_items_and_events()
    {
        var first = PopulationSimulator.Generate(Options());
        var second = PopulationSimulator.Generate(Options());

        Assert.Equal(first.Items.Select(Describe), second.Items.Select(Describe));
        Assert.Equal(first.Events.ToList(), second.Events.ToList());
        // Enumerating the lazy sequence again must not draw new randomness.
        Assert.Equal(first.Events.ToList(), first.Events.ToList());
    }

    [Fact]
    public void The_same_seed_gives_the_same_events_in_every_process()
    {
        // Pinned output: a generator seeded from per-process state (HashCode, Random.Shared) would pass the
        // in-process test above yet give every run different data; this catches it.
        var options = new SimulationOptions { Seed = 7, Users = 20, Items = 50, Days = 30, Start = Start };
        var events = PopulationSimulator.Generate(options).Events.ToList();
        var ndjson = new System.Text.StringBuilder();
        foreach (var e in events)
        {
            ndjson.Append(System.Text.Json.JsonSerializer.Serialize(e, Longview.Core.Serialization.LongviewJson.Options)).Append('\n');
        }

        Assert.Equal(1350, events.Count);
        Assert.Equal(
            new UserEvent("sim-7-1-2", "user-00001", "item-00033", EventType.Impression, DateTimeOffset.Parse("2025-01-01T23:16:59Z"), RecommendationId: "sim-rec-7-1-1"),
            events[1]);
        Assert.Equal(
            "8417065ff1207a80e4dcb1432bfd330fab3ae57fa8758031e44f5ecb9eabeab4",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ndjson.ToString()))));
    }

    [Fact]
    public void Another_seed_gives_other_events()
    {
        var a = PopulationSimulator.Generate(Options(seed: 1)).Events.Select(e => (e.UserId, e.ItemId, e.Type, e.Timestamp)).ToList();
        var b = PopulationSimulator.Generate(Options(seed: 2)).Events.Select(e => (e.UserId, e.ItemId, e.Type, e.Timestamp)).ToList();

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Activity_is_heterogeneous_a_long_tail_of_heavy_users_over_many_casual_ones()
    {
        var perUser = PopulationSimulator.Generate(Options()).Events
            .GroupBy(e => e.UserId)
            .Select(g => g.Count())
            .Order()
            .ToArray();
        var median = perUser[perUser.Length / 2];
        var p95 = perUser[perUser.Length * 95 / 100];
        var mean = perUser.Average();
        var cv = Math.Sqrt(perUser.Select(n => (n - mean) * (n - mean)).Average()) / mean;

        Assert.Equal(400, perUser.Length);
        Assert.True(p95 >= 5 * median, $"p95 {p95} should be at least 5x the median {median}");
        Assert.True(cv > 1.0, $"coefficient of variation {cv:F2} should exceed 1 (power-law activity)");
    }

    [Fact]
    public void Users_churn_at_different_times_and_some_stay()
    {
        var options = Options();
        var lastDay = PopulationSimulator.Generate(options).Events
            .GroupBy(e => e.UserId)
            .Select(g => (int)(g.Max(e => e.Timestamp) - options.Start).TotalDays)
            .ToArray();
        var stillActive = lastDay.Count(d => d >= options.Days - 7);
        var goneEarly = lastDay.Count(d => d < options.Days / 2);

        Assert.InRange(stillActive, 1, lastDay.Length - 1);
        Assert.InRange(goneEarly, 1, lastDay.Length - 1);
        Assert.True(lastDay.Distinct().Count() > 30, "churn days should spread over the period");
    }

    [Fact]
    public void Events_follow_the_contract_and_sessions_open_with_session_start()
    {
        var options = Options(users: 100);
        var population = PopulationSimulator.Generate(options);
        var itemIds = population.Items.Select(i => i.ItemId).ToHashSet();
        var events = population.Events.ToList();

        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e =>
        {
            Assert.InRange(e.Timestamp, options.Start, options.End.AddTicks(-1));
            if (e.Type.RequiresItem())
            {
                Assert.Contains(e.ItemId!, itemIds);
            }
            else
            {
                Assert.Null(e.ItemId);
            }
            if (e.Type == EventType.Rating)
            {
                Assert.InRange(e.Value!.Value, 1, 5);
            }
        });
        foreach (var user in events.GroupBy(e => e.UserId))
        {
            Assert.Equal(EventType.SessionStart, user.First().Type);
        }
        var types = events.Select(e => e.Type).ToHashSet();
        Assert.Superset(new HashSet<EventType> { EventType.SessionStart, EventType.Impression, EventType.View, EventType.Click, EventType.Purchase, EventType.Rating }, types);
    }

    [Fact]
    public void Users_engage_most_with_their_favourite_categories()
    {
        var population = PopulationSimulator.Generate(Options());
        var primary = population.Items.ToDictionary(i => i.ItemId, i => i.Categories[0]);
        var events = population.Events.ToList();
        // Per user, the share of clicks that land in their most-clicked category, against the share of impressions there.
        var concentrated = events
            .Where(e => e.Type == EventType.Click)
            .GroupBy(e => e.UserId)
            .Where(g => g.Count() >= 20)
            .Select(g => g.GroupBy(e => primary[e.ItemId!]).Max(c => c.Count()) / (double)g.Count())
            .ToList();

        Assert.NotEmpty(concentrated);
        Assert.True(concentrated.Average() > 0.4, $"clicks should concentrate on favourite categories (mean top share {concentrated.Average():F2})");
    }

    [Theory]
    [InlineData(0, 10, 10)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 10, 0)]
    [InlineData(10, 10, SimulationOptions.MaxDays + 1)]
    public void Out_of_range_options_are_refused_by_name(int users, int items, int days)
    {
        var options = new SimulationOptions { Users = users, Items = items, Days = days, Start = Start };

        Assert.Throws<ArgumentOutOfRangeException>(() => PopulationSimulator.Generate(options));
    }

    private static string Describe(Longview.Core.Items.CatalogItem item) =>
        $"{item.ItemId}|{item.Title}|{string.Join(',', item.Categories)}|{item.CreatedAt:O}";
}
