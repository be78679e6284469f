using Longview.Core.Events;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Core.Profiles;
using Longview.Core.Serving;
using Longview.Core.Serving.Impressions;

namespace Longview.Core.Tests.Experiments;

public sealed class ListAttributionTests
{
    private static readonly DateTimeOffset Served = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);

    private static ServedList List(params string[] items) =>
        new("rec-1", "u1", Served, "v1", "active", [.. items.Select(i => new ServedListItem(i, ReasonType.Model))], []);

    private static UserProfile Profile(params RecentEvent[] events)
    {
        var profile = new UserProfile { UserId = "u1" };
        profile.Recent.AddRange(events);
        foreach (var e in events)
        {
            profile.ActiveDays.Add(DateOnly.FromDateTime(e.Timestamp.UtcDateTime));
        }
        return profile;
    }

    [Fact]
    public void A_click_and_a_purchase_of_a_listed_item_inside_the_window_count_at_its_position()
    {
        var profile = Profile(
            new RecentEvent("b", Served.AddMinutes(5), EventType.Click),
            new RecentEvent("b", Served.AddHours(2), EventType.Purchase, 12.5),
            new RecentEvent("c", Served.AddDays(2), EventType.Click),
            new RecentEvent("z", Served.AddMinutes(1), EventType.Click));

        var outcome = ListAttribution.Attribute(List("a", "b", "c"), profile, Window, Served.AddDays(3))!;

        Assert.Equal([default, new ItemOutcome(true, 1, 12.5), default], outcome.Items);
        Assert.False(outcome.Returned);
    }

    [Fact]
    public void A_click_after_a_later_list_showed_the_item_again_belongs_to_that_list()
    {
        var profile = Profile(new RecentEvent("a", Served.AddHours(3), EventType.Click));
        profile.Impressions.Add(new RecentImpression("a", Served.AddHours(1), 7));

        var outcome = ListAttribution.Attribute(List("a"), profile, Window, Served.AddDays(3))!;

        Assert.False(outcome.Items[0].Clicked);
    }

    [Fact]
    public void A_return_is_activity_on_a_later_day_inside_the_window_and_an_open_window_is_not_measured()
    {
        var profile = Profile(new RecentEvent("x", Served.AddHours(13), EventType.View));

        Assert.True(ListAttribution.Attribute(List("a"), profile, Window, Served.AddDays(3))!.Returned);
        Assert.Null(ListAttribution.Attribute(List("a"), profile, Window, Served.AddHours(23)));
        profile.RecentHorizon = Served.AddMinutes(1);
        Assert.Null(ListAttribution.Attribute(List("a"), profile, Window, Served.AddDays(3)));
    }

    [Fact]
    public void Impression_events_carry_the_lists_experiment_variants_in_their_context()
    {
        var list = new Recommendation("u1", "rec-1", "v1", "active", [new RecommendedItem("a", 1)], [new ExperimentAssignment("ab", "fresh")]);

        var impression = Assert.Single(ImpressionEvents.For(list, Served));

        Assert.Equal("fresh", impression.Context!["experiment:ab"]);
        Assert.Null(new EventBatchReader(new EventLimits(), new Longview.Core.Tests.Support.FixedTimeProvider(Served)).Validate(impression, 0));
    }
}
