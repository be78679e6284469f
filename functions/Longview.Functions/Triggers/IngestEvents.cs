using Longview.Core.Streaming;
using Longview.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class IngestEvents(EventStreamIngestion ingestion)
{
    /// <summary>
    /// Event Hubs moves its checkpoint past this batch once the function returns, whatever happened, so nothing may be
    /// dropped here: every event ends either in the profile store or in the dead-letter container (raw JSON + reason),
    /// and transient store failures are retried with backoff inside the batch (Core's EventStreamIngestion). Only a
    /// failure to write the dead letters themselves escapes; the function-level retry below then replays the whole batch
    /// before the checkpoint moves (safe: aggregation is idempotent per eventId, letters are keyed per message position).
    /// </summary>
    [Function(nameof(IngestEvents))]
    public Task Run(
        [EventHubTrigger("%EventHubName%", Connection = "EventHubConnection", ConsumerGroup = "%EventHubConsumerGroup%", IsBatched = true)]
        string[] messages,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        ingestion.IngestAsync(EventHubMessages.From(messages, context), cancellationToken);
}
