using System.Text;
using Longview.Core.Batches;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Streaming;

/// <summary>
/// Ingests one batch of stream messages (the Event Hubs trigger's batch). A stream moves past a batch whatever
/// happens, so nothing here may be lost silently:
/// <list type="bullet">
/// <item>the valid events of all messages are aggregated together through <see cref="EventIngestion"/>, with transient
/// store failures retried with backoff (<see cref="TransientRetry"/>);</item>
/// <item>a pass that fails for a permanent reason is split in halves (bounded) so that one input the store cannot hold
/// does not take the good events of its pass down with it;</item>
/// <item>every event that did not make it (invalid, refused by aggregation, or still failing after the retries, then
/// with the exception type) and every unreadable message goes to the <see cref="IDeadLetterSink"/> with its raw JSON
/// and the reason;</item>
/// <item>one log line per batch carries the counts.</item>
/// </list>
/// It throws only when the dead letters themselves cannot be written: the host then replays the batch, which is safe
/// because aggregation is idempotent per eventId and letters are keyed by message id and position.
/// </summary>
public sealed partial class EventStreamIngestion
{
    private readonly EventBatchReader _reader;
    private readonly EventIngestion _ingestion;
    private readonly IDeadLetterSink _deadLetters;
    private readonly TransientRetry _retry;
    private readonly ITransientFailureClassifier _failures;
    private readonly int _maxEventsPerPass;
    private readonly int _maxIsolationSplits;
    private readonly ILogger<EventStreamIngestion> _logger;

    public EventStreamIngestion(
        EventBatchReader reader,
        EventIngestion ingestion,
        IDeadLetterSink deadLetters,
        TransientRetry retry,
        ITransientFailureClassifier failures,
        IOptions<StreamIngestionOptions> options,
        ILogger<EventStreamIngestion> logger)
    {
        _maxEventsPerPass = options.Value.MaxEventsPerPass;
        if (_maxEventsPerPass is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _maxEventsPerPass, $"{StreamIngestionOptions.SectionName}:{nameof(StreamIngestionOptions.MaxEventsPerPass)} must be 1..100000");
        }
        _maxIsolationSplits = options.Value.MaxIsolationSplits;
        if (_maxIsolationSplits is < 0 or > 1_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _maxIsolationSplits, $"{StreamIngestionOptions.SectionName}:{nameof(StreamIngestionOptions.MaxIsolationSplits)} must be 0..1000");
        }
        _failures = failures;
        _reader = reader;
        _ingestion = ingestion;
        _deadLetters = deadLetters;
        _retry = retry;
        _logger = logger;
    }

    public async Task<StreamBatchReport> IngestAsync(IReadOnlyList<StreamMessage> messages, CancellationToken cancellationToken = default)
    {
        var batch = new BatchState(messages, _reader.Limits);
        for (var m = 0; m < messages.Count; m++)
        {
            var read = _reader.Read(batch.Body(m));
            if (read.Failure is { } failure)
            {
                batch.Unreadable++;
                batch.Letters.Add(new DeadLetter(messages[m].Id, 0, null, "$", $"{failure.Title}: {failure.Detail}", messages[m].Text));
                continue;
            }

            foreach (var error in read.Errors)
            {
                batch.Reject(m, error.Index, error);
            }
            foreach (var value in read.Values)
            {
                batch.Pass.Add((value.Value, m, value.Index));
                if (batch.Pass.Count == _maxEventsPerPass)
                {
                    await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        await FlushAsync(batch, cancellationToken).ConfigureAwait(false);

        if (batch.Letters.Count > 0)
        {
            // Escapes when the sink keeps failing: the only outcome that cannot be recorded here, so the host replays.
            await _retry.ExecuteAsync("write dead letters", ct => _deadLetters.WriteAsync(batch.Letters, ct), cancellationToken).ConfigureAwait(false);
        }

        var report = new StreamBatchReport(messages.Count, batch.Accepted, batch.Duplicates, batch.Rejected, batch.Failed, batch.Unreadable, batch.Letters.Count);
        LogBatch(report.Messages, report.Accepted, report.Duplicates, report.Rejected, report.Failed, report.UnreadableMessages, report.DeadLetters);
        return report;
    }

    private async Task FlushAsync(BatchState batch, CancellationToken cancellationToken)
    {
        if (batch.Pass.Count == 0)
        {
            return;
        }

        var pass = batch.Pass.ToArray();
        batch.Pass.Clear();
        await IngestPassAsync(batch, pass, cancellationToken).ConfigureAwait(false);
    }

    private async Task IngestPassAsync(BatchState batch, ArraySegment<(UserEvent Event, int Message, int Element)> pass, CancellationToken cancellationToken)
    {
        var events = new UserEvent[pass.Count];
        for (var i = 0; i < pass.Count; i++)
        {
            events[i] = pass[i].Event;
        }

        try
        {
            var report = await _retry.ExecuteAsync("ingest stream events", ct => _ingestion.IngestAsync(events, ct), cancellationToken).ConfigureAwait(false);
            batch.Accepted += report.Accepted;
            batch.Duplicates += report.Duplicates;
            foreach (var error in report.Rejected)
            {
                var origin = pass[error.Index];
                batch.Reject(origin.Message, origin.Element, error);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (pass.Count > 1 && batch.IsolationSplits < _maxIsolationSplits && !_failures.IsTransient(ex, out _))
            {
                // Usually one input the store cannot hold: halve until it stands alone. Events of a half that did land
                // before the failure count as duplicates the second time (aggregation is idempotent), never twice.
                batch.IsolationSplits++;
                var half = pass.Count / 2;
                await IngestPassAsync(batch, pass[..half], cancellationToken).ConfigureAwait(false);
                await IngestPassAsync(batch, pass[half..], cancellationToken).ConfigureAwait(false);
                return;
            }

            // None of this pass is known to be applied; all of it goes to dead letters for replay (replaying an event
            // that did land is harmless: it counts as a duplicate).
            batch.Failed += pass.Count;
            var reason = $"store failure ({_retry.MaxAttempts} attempts for transient failures): {ex.GetType().FullName}: {ex.Message}";
            foreach (var (e, message, element) in pass)
            {
                batch.Letters.Add(new DeadLetter(batch.Messages[message].Id, element, e.EventId, null, reason, batch.RawElement(message, element)));
            }
            LogStoreFailure(ex, pass.Count, ex.GetType().FullName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream batch: {Messages} messages, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Failed} failed, {Unreadable} unreadable messages, {DeadLettered} dead-lettered")]
    private partial void LogBatch(int messages, int accepted, int duplicates, int rejected, int failed, int unreadable, int deadLettered);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream batch: the profile store failed ({ExceptionType}); {Failed} events go to dead letters")]
    private partial void LogStoreFailure(Exception exception, int failed, string? exceptionType);

    /// <summary>The working state of one batch: counts, letters, the pending pass, and the messages' bytes and element slices.</summary>
    private sealed class BatchState(IReadOnlyList<StreamMessage> messages, EventLimits limits)
    {
        private readonly byte[]?[] _bodies = new byte[]?[messages.Count];
        private readonly Dictionary<int, ReadOnlyMemory<byte>>?[] _elements = new Dictionary<int, ReadOnlyMemory<byte>>?[messages.Count];

        public IReadOnlyList<StreamMessage> Messages { get; } = messages;

        public List<DeadLetter> Letters { get; } = [];

        public List<(UserEvent Event, int Message, int Element)> Pass { get; } = [];

        public int Accepted { get; set; }

        public int Duplicates { get; set; }

        public int Rejected { get; set; }

        public int Failed { get; set; }

        public int Unreadable { get; set; }

        public int IsolationSplits { get; set; }

        public byte[] Body(int message) => _bodies[message] ??= Encoding.UTF8.GetBytes(Messages[message].Text);

        public void Reject(int message, int element, EventError error)
        {
            Rejected++;
            Letters.Add(new DeadLetter(Messages[message].Id, element, error.EventId, error.Field, error.Reason, RawElement(message, element)));
        }

        /// <summary>The event's own JSON text; the whole message when it cannot be split out (never expected).</summary>
        public string RawElement(int message, int element)
        {
            var elements = _elements[message] ??= BatchFraming.Split(Body(message), limits.MaxBodyBytes, limits.MaxEventsPerBatch, "event")
                .Elements.ToDictionary(e => e.Index, e => e.Json);
            return elements.TryGetValue(element, out var json) ? Encoding.UTF8.GetString(json.Span) : Messages[message].Text;
        }
    }
}
