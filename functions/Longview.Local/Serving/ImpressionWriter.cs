using System.Threading.Channels;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Outcomes;
using Longview.Core.Ports;
using Longview.Core.Serving.Impressions;
using Longview.Core.Telemetry;

namespace Longview.Local.Serving;

/// <summary>
/// Drains <see cref="ImpressionLog"/> into the same <see cref="EventIngestion"/> as POST /api/events, batching what has
/// queued up, onto the profiles the lists were served from (no second read; their ETags still guard the writes). Event
/// ids are derived from the recommendation, so a retried batch is deduplicated, not double counted.
/// </summary>
internal sealed partial class ImpressionWriter(ImpressionLog log, EventIngestion ingestion, ServedListRecording recording, LocalServingOptions options, TimeProvider time,
    ILogger<ImpressionWriter> logger, LongviewMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UserEvent>(options.ImpressionBatchSize);
        var served = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        var lists = new List<(Core.Serving.Recommendation, DateTimeOffset)>();
        var reader = log.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                Drain(reader, batch, served, lists);
                if (options.ImpressionLinger > TimeSpan.Zero && !IsFull(batch, lists))
                {
                    await GatherAsync(reader, batch, served, lists, stoppingToken);
                }
                if (batch.Count > 0)
                {
                    await WriteAsync(batch, served, stoppingToken);
                }
                await recording.RecordAsync(lists, stoppingToken);
                batch.Clear();
                served.Clear();
                lists.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private bool IsFull(List<UserEvent> batch, List<(Core.Serving.Recommendation, DateTimeOffset)> lists) =>
        batch.Count >= options.ImpressionBatchSize || lists.Count >= options.ImpressionBatchSize;

    /// <summary>
    /// Lets the lists of concurrent requests gather so they share one commit: for the linger, or until
    /// <see cref="LocalServingOptions.ImpressionCommitLists"/> have come (looking again every millisecond).
    /// </summary>
    private async Task GatherAsync(ChannelReader<ImpressionLog.ServedList> reader, List<UserEvent> batch, Dictionary<string, StoredProfile> served,
        List<(Core.Serving.Recommendation, DateTimeOffset)> lists, CancellationToken cancellationToken)
    {
        var target = options.ImpressionCommitLists;
        if (target <= 0)
        {
            await Task.Delay(options.ImpressionLinger, time, cancellationToken);
            Drain(reader, batch, served, lists);
            return;
        }
        var started = time.GetTimestamp();
        while (lists.Count < target && !IsFull(batch, lists) && time.GetElapsedTime(started) < options.ImpressionLinger)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken);
            Drain(reader, batch, served, lists);
        }
    }

    private void Drain(ChannelReader<ImpressionLog.ServedList> reader, List<UserEvent> batch, Dictionary<string, StoredProfile> served, List<(Core.Serving.Recommendation, DateTimeOffset)> lists)
    {
        while (batch.Count < options.ImpressionBatchSize && lists.Count < options.ImpressionBatchSize && reader.TryRead(out var list))
        {
            lists.Add((list.List, list.ServedAt));
            if (options.LogImpressions)
            {
                batch.AddRange(ImpressionEvents.For(list.List, list.ServedAt));
            }
            // The newest version served wins; an outdated one only costs the ingestion a re-read.
            if (list.Profile is { } profile)
            {
                served[list.List.UserId] = profile;
            }
        }
    }

    private async Task WriteAsync(List<UserEvent> batch, Dictionary<string, StoredProfile> served, CancellationToken cancellationToken)
    {
        try
        {
            // Best effort, like the queue they came from: a power loss may drop the last commits, a crash of the process
            // loses the queue anyway (never a commit). Syncing each batch cost 5-6 % more server CPU per request.
            var report = await ingestion.IngestAsync(batch, served, WriteDurability.BestEffort, cancellationToken);
            if (report.Rejected.Count > 0)
            {
                LogRejected(report.Rejected.Count, batch.Count, $"{report.Rejected[0].Field}: {report.Rejected[0].Reason}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, batch.Count);
            metrics.ImpressionsDropped(batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rejected} of {Events} impression events were rejected, first: {Error}")]
    private partial void LogRejected(int rejected, int events, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not log {Events} impression events; they are lost, the responses were not affected")]
    private partial void LogFailed(Exception exception, int events);
}
