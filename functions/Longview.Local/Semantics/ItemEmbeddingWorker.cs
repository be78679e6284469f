using Longview.Core.Items;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;
using Microsoft.Extensions.Options;

namespace Longview.Local.Semantics;

/// <summary>
/// Encodes queued items in batches off the request path, then rebuilds the serving catalogue snapshot so a new item
/// is servable from its text within seconds. The catalogue sweep the Azure timer runs (<see cref="ItemEmbeddingSweep"/>:
/// items without a current embedding, newest first, at most <see cref="SemanticOptions.MaxItemsPerSweep"/>) runs
/// <see cref="SemanticOptions.InitialSweepDelay"/> after start and every <see cref="SemanticOptions.SweepInterval"/>, at
/// once again after a full pass (items that overflowed the queue, or were written by another process, such as
/// <c>longview import</c>). A failing pass is logged and retried by the next one; it never stops the host.
/// </summary>
public sealed partial class ItemEmbeddingWorker(
    ItemEmbeddingQueue queue,
    ItemEmbedder embedder,
    ItemEmbeddingSweep sweep,
    CatalogSnapshotCache catalogue,
    TimeProvider time,
    IOptions<SemanticOptions> options,
    ILogger<ItemEmbeddingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the encoder loads (about a second) on the first batch.
        await Task.Yield();
        var nextSweep = time.GetUtcNow() + options.Value.InitialSweepDelay;
        var batch = new List<CatalogItem>(options.Value.BatchSize * 4);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextSweep)
                {
                    // The Azure timer's pass (newest first, capped); one that encoded a full cap made progress and goes on at once.
                    var swept = await sweep.RunAsync(stoppingToken);
                    nextSweep = swept.Encoded >= options.Value.MaxItemsPerSweep ? time.GetUtcNow() : time.GetUtcNow() + options.Value.SweepInterval;
                }
                using var untilSweep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                untilSweep.CancelAfter(Max(nextSweep - time.GetUtcNow(), TimeSpan.Zero));
                try
                {
                    await queue.Reader.WaitToReadAsync(untilSweep.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    continue; // time to sweep
                }
                while (batch.Count < batch.Capacity && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                var report = await embedder.EmbedAsync(batch, cancellationToken: stoppingToken);
                batch.Clear();
                if (report.Encoded > 0)
                {
                    await catalogue.InvalidateAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                batch.Clear();
                LogFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Error, Message = "Item embedding pass failed; the next sweep retries its items")]
    private partial void LogFailed(Exception ex);
}
