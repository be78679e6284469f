using System.Threading.Channels;
using Longview.Core.Serving;

namespace Longview.Local.Serving;

/// <summary>
/// The queue between a served response and its impression events: the route only enqueues (never waits, never fails),
/// <see cref="ImpressionWriter"/> ingests in the background. A full queue drops the list and counts it.
/// </summary>
public sealed class ImpressionLog(LocalServingOptions options)
{
    private readonly Channel<(Recommendation List, DateTimeOffset ServedAt)> _queue =
        Channel.CreateBounded<(Recommendation, DateTimeOffset)>(new BoundedChannelOptions(Math.Max(1, options.ImpressionQueueCapacity))
        {
            // Wait mode makes TryWrite answer false when full (DropWrite would claim success), so drops can be counted.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    private long _dropped;

    public bool Enabled => options.LogImpressions;

    /// <summary>Lists not logged because the queue was full since start-up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Log(Recommendation recommendation, DateTimeOffset servedAt)
    {
        if (!Enabled || recommendation.Items.Count == 0)
        {
            return;
        }
        if (!_queue.Writer.TryWrite((recommendation, servedAt)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    internal ChannelReader<(Recommendation List, DateTimeOffset ServedAt)> Reader => _queue.Reader;
}
