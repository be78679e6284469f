using Longview.Core.Semantics;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class EmbedItems(ItemEmbeddingSweep sweep)
{
    /// <summary>Every minute: a new item is scored from its text about a minute (plus its encoding) after it was posted, on
    /// the instance that ran the tick at once and on the others at their next catalogue refresh (another minute).</summary>
    public const string Schedule = "0 * * * * *";

    /// <summary>
    /// Encodes the items without a current embedding, off the request path (<see cref="ItemEmbeddingSweep"/>). A tick
    /// that fails or times out loses nothing: the items it did not encode still lack an embedding at the next one. The
    /// timer runs on one instance at a time, and a slow tick delays the next rather than overlapping it.
    /// </summary>
    [Function(nameof(EmbedItems))]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
