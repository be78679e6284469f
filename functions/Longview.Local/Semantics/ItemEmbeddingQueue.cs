using System.Threading.Channels;
using Longview.Core.Items;
using Longview.Core.Semantics;
using Microsoft.Extensions.Options;

namespace Longview.Local.Semantics;

/// <summary>
/// The bounded queue between item ingestion and the encoder: <see cref="OnStored"/> never blocks and never throws
/// (it runs on the request path). When the queue is full the item is left for the next sweep, which finds every item
/// without a current embedding, so nothing is lost, only later.
/// </summary>
public sealed partial class ItemEmbeddingQueue(IOptions<SemanticOptions> options, ILogger<ItemEmbeddingQueue> logger) : IItemTextObserver
{
    private readonly Channel<CatalogItem> _channel = Channel.CreateBounded<CatalogItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // TryWrite then answers false instead of dropping silently
        SingleReader = true,
    });

    private long _overflowed;

    public ChannelReader<CatalogItem> Reader => _channel.Reader;

    /// <summary>Items that found the queue full since start (encoded by a later sweep).</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    public void OnStored(IReadOnlyList<CatalogItem> items)
    {
        var dropped = 0;
        foreach (var item in items)
        {
            if (!_channel.Writer.TryWrite(item))
            {
                dropped++;
            }
        }
        if (dropped > 0)
        {
            Interlocked.Add(ref _overflowed, dropped);
            LogFull(dropped, options.Value.QueueCapacity);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding queue full ({Capacity}): {Dropped} items wait for the next sweep")]
    private partial void LogFull(int dropped, int capacity);
}
