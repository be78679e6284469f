using Longview.Api;
using Longview.Core.Serving;
using Longview.Local.Serving;

namespace Longview.Local.Api;

/// <summary>The self-hosted answer to a served list: queue its impressions (never waits, never fails).</summary>
internal sealed class QueuedImpressions(ImpressionLog log, TimeProvider time) : IServedListRecorder
{
    public ValueTask RecordAsync(ServedRecommendation served, CancellationToken cancellationToken)
    {
        log.Log(served, time.GetUtcNow());
        return ValueTask.CompletedTask;
    }
}
