using Longview.Core.Streaming;
using Longview.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class IngestEvents(EventStreamIngestion ingestion)
{
    /// <summary>
    /// Every message of the batch ends in the profile store or the dead-letter store before this returns. It must:
    /// with Event Hubs extension 5.1.0 there is no function-level retry, and the host checkpoints past the batch once the
    /// invocation ends, whether it succeeded, failed or was cancelled. So store failures are retried inside
    /// (<see cref="EventStreamIngestion"/>: backoff, bounded only by cancellation), and on cancellation (host shutdown,
    /// lost partition, timeout) the events not yet stored are dead-lettered before the cancellation propagates.
    /// Dead letters are keyed by hub, partition and sequence number (<see cref="EventHubMessages"/>), so a redelivered
    /// batch writes none twice; aggregation is idempotent per eventId.
    /// </summary>
    [Function(nameof(IngestEvents))]
    public Task Run(
        [EventHubTrigger("%EventHubName%", Connection = "EventHubConnection", ConsumerGroup = "%EventHubConsumerGroup%", IsBatched = true)]
        string[] messages,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        ingestion.IngestAsync(EventHubMessages.From(messages, context), cancellationToken);
}
