using Longview.Core.Serving;
using Longview.Core.Telemetry;
using Longview.Local.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Longview.Local.Tests.Telemetry;

public sealed class DroppedImpressionsTests
{
    [Fact]
    public void A_full_impression_queue_counts_each_dropped_lists_impressions()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var dropped = new MetricCollector<long>(factory, LongviewTelemetry.Name, "longview.impressions.dropped");
        var log = new ImpressionLog(new LocalServingOptions { ImpressionQueueCapacity = 1 }, new LongviewMetrics(factory));

        log.Log(Served("r1", 3), DateTimeOffset.UtcNow);
        log.Log(Served("r2", 4), DateTimeOffset.UtcNow);
        log.Log(Served("r3", 2), DateTimeOffset.UtcNow);

        Assert.Equal(2, log.Dropped);
        Assert.Equal(6, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    private static ServedRecommendation Served(string recommendationId, int items) =>
        new(new Recommendation("u1", recommendationId, "m1", "active", [.. Enumerable.Range(0, items).Select(i => new RecommendedItem($"i{i}", 1.0 / (i + 1)))]), null);
}
