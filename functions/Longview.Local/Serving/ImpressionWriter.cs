using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Serving.Impressions;

namespace Longview.Local.Serving;

/// <summary>
/// Drains <see cref="ImpressionLog"/> into the same <see cref="EventIngestion"/> as POST /api/events, batching what has
/// queued up. Event ids are derived from the recommendation, so a retried batch is deduplicated, not double counted.
/// </summary>
internal sealed partial class ImpressionWriter(ImpressionLog log, EventIngestion ingestion, LocalServingOptions options, ILogger<ImpressionWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UserEvent>(options.ImpressionBatchSize);
        var reader = log.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.ImpressionBatchSize && reader.TryRead(out var served))
                {
                    batch.AddRange(ImpressionEvents.For(served.List, served.ServedAt));
                }
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(List<UserEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            var report = await ingestion.IngestAsync(batch, cancellationToken);
            if (report.Rejected.Count > 0)
            {
                LogRejected(report.Rejected.Count, batch.Count, $"{report.Rejected[0].Field}: {report.Rejected[0].Reason}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rejected} of {Events} impression events were rejected, first: {Error}")]
    private partial void LogRejected(int rejected, int events, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not log {Events} impression events; they are lost, the responses were not affected")]
    private partial void LogFailed(Exception exception, int events);
}
