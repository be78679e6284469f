using Longview.Core.Serving;
using Longview.Local.Serving;

namespace Longview.Local.Tests.Activity;

/// <summary>Issue 13, item 4: queued impressions carry the time before the profile was read, not the time they were queued.</summary>
public sealed class ImpressionServeTimeTests
{
    [Fact]
    public void A_queued_list_keeps_the_service_s_serve_time()
    {
        var log = new ImpressionLog(new LocalServingOptions());
        var readAt = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var list = new Recommendation("u", "rec-1", "v1", "active", [new("a", 0.9)]);

        log.Log(new ServedRecommendation(list, null, readAt), readAt.AddMilliseconds(40));

        Assert.True(log.Reader.TryRead(out var queued));
        Assert.Equal(readAt, queued.ServedAt);
    }
}
