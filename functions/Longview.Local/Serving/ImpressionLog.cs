using System.Threading.Channels;
using Longview.Core.Outcomes;
using Longview.Core.Ports;
using Longview.Core.Serving;
using Longview.Core.Telemetry;

namespace Longview.Local.Serving;

/// <summary>
/// The queue between a served response and its impression events: the route only enqueues (never waits, never fails),
/// <see cref="ImpressionWriter"/> ingests in the background (and logs the list for outcomes and experiments). A full
/// queue drops the list and counts it.
/// </summary>
public sealed class ImpressionLog(LocalServingOptions options, LongviewMetrics? metrics = null, ServedListRecording? recording = null)
{
    private readonly LongviewMetrics _metrics = metrics ?? LongviewMetrics.Unscoped;
    private readonly Channel<ServedList> _queue =
        Channel.CreateBounded<ServedList>(new BoundedChannelOptions(Math.Max(1, options.ImpressionQueueCapacity))
        {
            // Wait mode makes TryWrite answer false when full (DropWrite would claim success), so drops can be counted.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    private long _dropped;

    /// <summary>Lists are queued when either their impressions or the lists themselves are logged.</summary>
    public bool Enabled => options.LogImpressions || recording?.Enabled == true;

    /// <summary>Lists not logged because the queue was full since start-up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues the list's impressions, timestamped with <see cref="ServedRecommendation.ServedAt"/> (else
    /// <paramref name="servedAt"/>); the served profile (handed over: it will be modified) saves the writer a read.
    /// </summary>
    public void Log(ServedRecommendation served, DateTimeOffset servedAt)
    {
        if (!Enabled || served.Recommendation.Items.Count == 0)
        {
            return;
        }
        // Under a backlog, queue the list alone: the writer re-reads its profile rather than the queue holding thousands.
        var profile = _queue.Reader.Count < options.MaxQueuedProfiles ? served.Profile : null;
        // The time before the profile was read, when the service took it: an erasure after it discards these impressions.
        if (!_queue.Writer.TryWrite(new ServedList(served.Recommendation, served.ServedAt ?? servedAt, profile)))
        {
            Interlocked.Increment(ref _dropped);
            _metrics.ImpressionsDropped(served.Recommendation.Items.Count);
        }
    }

    internal ChannelReader<ServedList> Reader => _queue.Reader;

    internal readonly record struct ServedList(Recommendation List, DateTimeOffset ServedAt, StoredProfile? Profile);
}
