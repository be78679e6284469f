using Longview.Core.Streaming;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class IngestEvents(EventStreamIngestion ingestion)
{
    /// <summary>
    /// Event Hubs moves its checkpoint past this batch once the function returns, whatever happened, so nothing may be
    /// dropped here: every message ends either in the profile store or in the dead-letter container (with its raw payload
    /// and the reason), and transient store failures are retried with backoff inside the batch. Only a failure to write the
    /// dead letters themselves escapes; the function-level retry below then replays the whole batch in memory before the
    /// checkpoint moves (safe: aggregation is idempotent per eventId).
    /// </summary>
    [Function(nameof(IngestEvents))]
    [ExponentialBackoffRetry(5, "00:00:04", "00:05:00")]
    public Task Run(
        [EventHubTrigger("%EventHubName%", Connection = "EventHubConnection", ConsumerGroup = "%EventHubConsumerGroup%", IsBatched = true)]
        string[] messages,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        ingestion.IngestAsync(messages, context.InvocationId, cancellationToken);
}
