using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Serving;
using Longview.Core.Serving.Impressions;
using Longview.Local.Serving;

namespace Longview.Local.Tests.Serving;

public sealed class ImpressionLogTests
{
    private static readonly Recommendation List = new("u", "rec-1", "v1", "active", [new("a", 0.9), new("b", 0.5)]);

    [Fact]
    public void Nothing_is_queued_when_the_setting_is_off()
    {
        var log = new ImpressionLog(new LocalServingOptions { LogImpressions = false });

        log.Log(new ServedRecommendation(List, null), DateTimeOffset.UnixEpoch);

        Assert.False(log.Reader.TryRead(out _));
    }

    [Fact]
    public void A_full_queue_drops_the_list_and_counts_it_instead_of_blocking()
    {
        var log = new ImpressionLog(new LocalServingOptions { ImpressionQueueCapacity = 1 });

        log.Log(new ServedRecommendation(List, null), DateTimeOffset.UnixEpoch);
        log.Log(new ServedRecommendation(List with { RecommendationId = "rec-2" }, null), DateTimeOffset.UnixEpoch);

        Assert.Equal(1, log.Dropped);
        Assert.True(log.Reader.TryRead(out var queued));
        Assert.Equal("rec-1", queued.List.RecommendationId);
    }

    [Fact]
    public void Under_a_backlog_lists_are_queued_without_their_profiles()
    {
        var log = new ImpressionLog(new LocalServingOptions { MaxQueuedProfiles = 2 });
        var profile = new StoredProfile(Core.Profiles.ProfileAggregator.NewProfile("u"), "1");

        for (var i = 0; i < 4; i++)
        {
            log.Log(new ServedRecommendation(List with { RecommendationId = $"rec-{i}" }, profile), DateTimeOffset.UnixEpoch);
        }

        var queued = new List<StoredProfile?>();
        while (log.Reader.TryRead(out var item))
        {
            queued.Add(item.Profile);
        }
        Assert.Equal([profile, profile, null, null], queued);
    }

    [Fact]
    public void Impression_events_carry_the_recommendation_and_ids_that_repeat_only_for_the_same_list_and_item()
    {
        var servedAt = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

        var events = ImpressionEvents.For(List, servedAt);
        var again = ImpressionEvents.For(List, servedAt.AddSeconds(5));
        var other = ImpressionEvents.For(List with { RecommendationId = "rec-2" }, servedAt);

        Assert.Equal(["a", "b"], events.Select(e => e.ItemId));
        Assert.All(events, e =>
        {
            Assert.Equal(EventType.Impression, e.Type);
            Assert.Equal("u", e.UserId);
            Assert.Equal("rec-1", e.RecommendationId);
            Assert.Equal(servedAt, e.Timestamp);
            Assert.InRange(e.EventId.Length, 1, 128);
        });
        Assert.Equal(events.Select(e => e.EventId), again.Select(e => e.EventId));
        Assert.NotEqual(events[0].EventId, events[1].EventId);
        Assert.Empty(events.Select(e => e.EventId).Intersect(other.Select(e => e.EventId)));
    }
}
