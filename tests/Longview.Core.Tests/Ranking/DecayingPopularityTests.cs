using Longview.Core.Events;
using Longview.Core.Serving.Popularity;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Ranking;

public sealed class DecayingPopularityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static UserEvent Event(string item, EventType type, DateTimeOffset at) => new(Guid.NewGuid().ToString(), "u", item, type, at);

    [Fact]
    public void Recent_engagement_outweighs_older_engagement_by_the_half_life()
    {
        var time = new FixedTime(Now);
        var popularity = new DecayingPopularity(time, Options.Create(new PopularityOptions { HalfLife = TimeSpan.FromDays(7), PublishInterval = TimeSpan.Zero }));

        popularity.Record([Event("old", EventType.Click, Now.AddDays(-14)), Event("old", EventType.Click, Now.AddDays(-14)), Event("old", EventType.Click, Now.AddDays(-14)),
            Event("fresh", EventType.Click, Now)]);

        var table = popularity.Current;
        Assert.Equal(["fresh", "old"], table.Ranked);
        Assert.Equal(1.0, table.WeightOf("fresh"), 9);
        Assert.Equal(0.75, table.WeightOf("old"), 9); // 3 clicks at a quarter weight
    }

    [Fact]
    public void Impressions_and_session_starts_are_not_popularity()
    {
        var time = new FixedTime(Now);
        var popularity = new DecayingPopularity(time, Options.Create(new PopularityOptions { PublishInterval = TimeSpan.Zero }));

        popularity.Record([Event("shown", EventType.Impression, Now), new UserEvent("s", "u", null, EventType.SessionStart, Now), Event("viewed", EventType.View, Now)]);

        Assert.Equal(["viewed"], popularity.Current.Ranked);
    }

    [Fact]
    public void Publishes_at_most_once_per_interval()
    {
        var time = new FixedTime(Now);
        var popularity = new DecayingPopularity(time, Options.Create(new PopularityOptions { PublishInterval = TimeSpan.FromSeconds(10) }));
        popularity.Record([Event("a", EventType.Like, Now)]);
        var first = popularity.Current;

        popularity.Record([Event("b", EventType.Like, Now)]);
        Assert.Same(first, popularity.Current);
        time.Now = Now.AddSeconds(11);

        Assert.Equal(["a", "b"], popularity.Current.Ranked);
    }

    [Fact]
    public void Smoothed_probability_is_finite_for_unknown_items_and_orders_like_the_weights()
    {
        var table = new PopularityTable([KeyValuePair.Create("a", 10.0), KeyValuePair.Create("b", 1.0)]);

        Assert.True(table.Probability("a") > table.Probability("b"));
        Assert.True(table.Probability("b") > table.Probability("unknown"));
        Assert.True(table.Probability("unknown") > 0);
    }
}
