using System.Text;
using Longview.Core.Batches;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Resilience;
using Longview.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Streaming;

/// <summary>
/// Ingests one batch of stream messages (the Event Hubs trigger's batch). Invariant: <b>every message of a batch ends in
/// the profile store or the dead-letter store before <see cref="IngestAsync"/> returns</b>. The stream moves past a
/// batch when the call ends, so it does not end earlier:
/// <list type="bullet">
/// <item>the valid events of all messages are aggregated together through <see cref="EventIngestion"/> (idempotent per
/// eventId), in passes of bounded size; transient store failures are retried with capped backoff for as long as it
/// takes (a store that stays down stalls the partition: its lag grows, nothing is lost);</item>
/// <item>a pass that fails for a permanent reason is split in halves (bounded) so that one input the store cannot hold
/// does not take the good events of its pass down with it; what still fails is dead-lettered with the exception;</item>
/// <item>invalid events, events refused by aggregation and unreadable messages are dead-lettered with their raw JSON
/// and the precise reason; the dead-letter write is retried on any failure, since nothing comes after it;</item>
/// <item>if the invocation is cancelled first, the events not yet confirmed are dead-lettered within
/// <see cref="StreamIngestionOptions.ShutdownGrace"/> and the cancellation propagates (see the options for why).</item>
/// </list>
/// Letters are keyed by (message id, element), so a redelivered batch writes none twice.
/// </summary>
public sealed partial class EventStreamIngestion
{
    /// <summary>Why an event is dead-lettered when the invocation is cancelled before the store confirmed it.</summary>
    public const string CancelledReason =
        "not confirmed by the profile store before the invocation was cancelled (host shutdown, lost partition or timeout); replaying it is safe";

    private static readonly TimeSpan MaxShutdownGrace = TimeSpan.FromMinutes(5);

    private readonly EventBatchReader _reader;
    private readonly EventIngestion _ingestion;
    private readonly IDeadLetterSink _deadLetters;
    private readonly TransientRetry _retry;
    private readonly TimeProvider _time;
    private readonly int _maxEventsPerPass;
    private readonly int _maxIsolationSplits;
    private readonly TimeSpan _shutdownGrace;
    private readonly ILogger<EventStreamIngestion> _logger;
    private readonly LongviewMetrics _metrics;

    public EventStreamIngestion(
        EventBatchReader reader,
        EventIngestion ingestion,
        IDeadLetterSink deadLetters,
        TransientRetry retry,
        TimeProvider time,
        IOptions<StreamIngestionOptions> options,
        ILogger<EventStreamIngestion> logger,
        LongviewMetrics? metrics = null)
    {
        _metrics = metrics ?? LongviewMetrics.Unscoped;
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
        _shutdownGrace = options.Value.ShutdownGrace;
        if (_shutdownGrace < TimeSpan.Zero || _shutdownGrace > MaxShutdownGrace)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _shutdownGrace, $"{StreamIngestionOptions.SectionName}:{nameof(StreamIngestionOptions.ShutdownGrace)} must be 0..300 seconds");
        }
        _reader = reader;
        _ingestion = ingestion;
        _deadLetters = deadLetters;
        _retry = retry;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Stores or dead-letters every event of <paramref name="messages"/>, then reports the counts. Throws
    /// <see cref="OperationCanceledException"/> when cancelled, after the write described on the type; any other
    /// exception would be a defect, and it too propagates only after that write. All messages are read before the first
    /// pass (their events are held with the batch's text, which the trigger already holds in memory).
    /// </summary>
    public async Task<StreamBatchReport> IngestAsync(IReadOnlyList<StreamMessage> messages, CancellationToken cancellationToken = default)
    {
        using var activity = LongviewTelemetry.ActivitySource.StartActivity("longview.ingest.stream");
        activity?.SetTag("longview.messages", messages.Count);
        var batch = new BatchState(messages, _reader.Limits);
        try
        {
            for (var m = 0; m < messages.Count; m++)
            {
                Read(batch, m);
                batch.MessagesRead++;
            }
            for (var start = 0; start < batch.Events.Count; start += _maxEventsPerPass)
            {
                await IngestPassAsync(batch, start, Math.Min(_maxEventsPerPass, batch.Events.Count - start), cancellationToken).ConfigureAwait(false);
            }
            if (batch.Letters.Count > 0)
            {
                await _retry.ExecuteUntilCancelledAsync("write dead letters", ct => _deadLetters.WriteAsync(batch.Letters, ct), retryPermanentFailures: true, cancellationToken)
                    .ConfigureAwait(false);
                _metrics.DeadLettered(batch.Letters.Count);
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            await DeadLetterUnconfirmedAsync(batch, ex, CancelledReason).ConfigureAwait(false);
            throw new OperationCanceledException("The stream batch was cancelled before every event was stored; its unconfirmed events were dead-lettered", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not expected (every store failure is retried or isolated above), but a throw ends the invocation and the
            // host checkpoints past the batch: keep what is not stored first, then let the failure show.
            await DeadLetterUnconfirmedAsync(batch, ex, $"not stored: the batch failed unexpectedly ({ex.GetType().FullName}: {ex.Message}); replaying it is safe").ConfigureAwait(false);
            throw;
        }

        var report = new StreamBatchReport(messages.Count, batch.Accepted, batch.Duplicates, batch.Rejected, batch.Failed, batch.Unreadable, batch.Letters.Count, batch.Erased);
        LogBatch(report.Messages, report.Accepted, report.Duplicates, report.Rejected, report.Failed, report.UnreadableMessages, report.DeadLetters, report.Erased);
        return report;
    }

    private void Read(BatchState batch, int message)
    {
        BatchRead<UserEvent, EventError> read;
        try
        {
            read = _reader.Read(batch.Body(message));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader defect must cost this message, not the batch: a throw here would end the invocation and the
            // host would checkpoint past every message of the batch.
            batch.Unreadable++;
            batch.Letters.Add(new DeadLetter(batch.Messages[message].Id, 0, null, "$", $"the event reader failed on this message: {ex.GetType().FullName}: {ex.Message}", batch.Messages[message].Text));
            LogReaderFailure(ex, ex.GetType().FullName);
            return;
        }
        if (read.Failure is { } failure)
        {
            batch.Unreadable++;
            batch.Letters.Add(new DeadLetter(batch.Messages[message].Id, 0, null, "$", $"{failure.Title}: {failure.Detail}", batch.Messages[message].Text));
            return;
        }
        foreach (var error in read.Errors)
        {
            batch.Reject(message, error.Index, error);
        }
        foreach (var value in read.Values)
        {
            batch.Events.Add((value.Value, message, value.Index));
        }
    }

    /// <summary>Ingests the events [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of the batch.</summary>
    private async Task IngestPassAsync(BatchState batch, int start, int count, CancellationToken cancellationToken)
    {
        var events = new UserEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = batch.Events[start + i].Event;
        }

        try
        {
            var report = await _retry.ExecuteUntilCancelledAsync("ingest stream events", ct => _ingestion.IngestAsync(events, ct), retryPermanentFailures: false, cancellationToken)
                .ConfigureAwait(false);
            batch.Accepted += report.Accepted;
            batch.Duplicates += report.Duplicates;
            batch.Erased += report.Erased;
            foreach (var error in report.Rejected)
            {
                var (_, message, element) = batch.Events[start + error.Index];
                batch.Reject(message, element, error);
            }
            batch.Confirm(start, count);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only permanent failures get here: transient ones are retried until they pass or the invocation ends.
            if (count > 1 && batch.IsolationSplits < _maxIsolationSplits)
            {
                // Usually one input the store cannot hold: halve until it stands alone. Events of a half that did land
                // before the failure count as duplicates the second time (aggregation is idempotent), never twice.
                batch.IsolationSplits++;
                var half = count / 2;
                await IngestPassAsync(batch, start, half, cancellationToken).ConfigureAwait(false);
                await IngestPassAsync(batch, start + half, count - half, cancellationToken).ConfigureAwait(false);
                return;
            }

            // None of this pass is known to be applied; all of it goes to dead letters for replay (replaying an event
            // that did land is harmless: it counts as a duplicate).
            batch.Failed += count;
            var reason = $"the profile store refused it (permanent failure): {ex.GetType().FullName}: {ex.Message}";
            for (var index = start; index < start + count; index++)
            {
                var (e, message, element) = batch.Events[index];
                batch.Letters.Add(new DeadLetter(batch.Messages[message].Id, element, e.EventId, null, reason, batch.RawElement(message, element)));
            }
            batch.Confirm(start, count);
            LogStoreFailure(ex, count, ex.GetType().FullName);
        }
    }

    /// <summary>
    /// The batch ends early (cancelled, or an unexpected failure): every letter not yet written and every event the store
    /// has not confirmed goes to the dead-letter store, retried within the grace period. What still cannot be written is
    /// named in a critical log line (message ids, i.e. hub, partition and sequence numbers, never user ids) so it can be
    /// replayed from the hub.
    /// </summary>
    private async Task DeadLetterUnconfirmedAsync(BatchState batch, Exception cause, string reason)
    {
        var letters = new List<DeadLetter>(batch.Letters);
        var confirmed = batch.MessagesRead == batch.Messages.Count ? batch.Confirmed : null;
        for (var i = 0; i < batch.Events.Count; i++)
        {
            if (confirmed is null || !confirmed[i])
            {
                var (e, message, element) = batch.Events[i];
                letters.Add(new DeadLetter(batch.Messages[message].Id, element, e.EventId, null, reason, batch.RawElement(message, element)));
            }
        }
        for (var m = batch.MessagesRead; m < batch.Messages.Count; m++)
        {
            // Failed while reading (never expected): the messages not read yet are kept whole.
            letters.Add(new DeadLetter(batch.Messages[m].Id, 0, null, "$", reason, batch.Messages[m].Text));
        }
        if (letters.Count == 0)
        {
            return;
        }

        using var grace = new CancellationTokenSource(_shutdownGrace, _time);
        try
        {
            grace.Token.ThrowIfCancellationRequested();
            await _retry.ExecuteUntilCancelledAsync("write dead letters on cancellation", ct => _deadLetters.WriteAsync(letters, ct), retryPermanentFailures: true, grace.Token)
                .ConfigureAwait(false);
            _metrics.DeadLettered(letters.Count);
            LogEndedEarly(cause.GetType().FullName, letters.Count);
        }
        catch (Exception ex) when (grace.IsCancellationRequested)
        {
            var ids = string.Join(", ", letters.Select(l => l.BatchId).Distinct(StringComparer.Ordinal));
            LogEndedEarlyUnwritten(ex, cause.GetType().FullName, letters.Count, ids);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream batch: {Messages} messages, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Failed} failed, {Unreadable} unreadable messages, {DeadLettered} dead-lettered, {Erased} erased")]
    private partial void LogBatch(int messages, int accepted, int duplicates, int rejected, int failed, int unreadable, int deadLettered, int erased);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream batch: the profile store refused a pass ({ExceptionType}); {Failed} events go to dead letters")]
    private partial void LogStoreFailure(Exception exception, int failed, string? exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream batch: the event reader threw ({ExceptionType}); the message is dead-lettered whole")]
    private partial void LogReaderFailure(Exception exception, string? exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream batch ended early ({CauseType}) before every event was stored; {Letters} letters written (unconfirmed events included); replaying the batch is safe")]
    private partial void LogEndedEarly(string? causeType, int letters);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stream batch ended early ({CauseType}) and {Letters} letters could not be written within the shutdown grace; if the checkpoint moved past them, replay these messages from the hub: {MessageIds}")]
    private partial void LogEndedEarlyUnwritten(Exception exception, string? causeType, int letters, string messageIds);

    /// <summary>The working state of one batch: counts, letters, the readable events, which of them are settled, and the messages' bytes.</summary>
    private sealed class BatchState(IReadOnlyList<StreamMessage> messages, EventLimits limits)
    {
        private readonly byte[]?[] _bodies = new byte[]?[messages.Count];
        private readonly Dictionary<int, ReadOnlyMemory<byte>>?[] _elements = new Dictionary<int, ReadOnlyMemory<byte>>?[messages.Count];
        private bool[]? _confirmed;

        public IReadOnlyList<StreamMessage> Messages { get; } = messages;

        public List<DeadLetter> Letters { get; } = [];

        /// <summary>Every readable, valid event of the batch with its message and element position, in batch order.</summary>
        public List<(UserEvent Event, int Message, int Element)> Events { get; } = [];

        /// <summary>Per event: the store answered for it (applied, duplicate, rejected) or it has a letter waiting.</summary>
        public bool[] Confirmed => _confirmed ??= new bool[Events.Count];

        public int Accepted { get; set; }

        public int Duplicates { get; set; }

        public int Erased { get; set; }

        public int Rejected { get; set; }

        public int Failed { get; set; }

        public int Unreadable { get; set; }

        public int IsolationSplits { get; set; }

        /// <summary>Messages read so far (all of them before the first pass).</summary>
        public int MessagesRead { get; set; }

        public byte[] Body(int message) => _bodies[message] ??= Encoding.UTF8.GetBytes(Messages[message].Text);

        public void Confirm(int start, int count) => Array.Fill(Confirmed, true, start, count);

        public void Reject(int message, int element, EventError error)
        {
            Rejected++;
            Letters.Add(new DeadLetter(Messages[message].Id, element, error.EventId, error.Field, error.Reason, RawElement(message, element)));
        }

        /// <summary>The event's own JSON text; the whole message when it cannot be split out (never expected).</summary>
        public string RawElement(int message, int element)
        {
            try
            {
                var elements = _elements[message] ??= BatchFraming.Split(Body(message), limits.MaxBodyBytes, limits.MaxEventsPerBatch, "event")
                    .Elements.ToDictionary(e => e.Index, e => e.Json);
                return elements.TryGetValue(element, out var json) ? Encoding.UTF8.GetString(json.Span) : Messages[message].Text;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never expected (the reader framed the same bytes); the letter then keeps the whole message.
                return Messages[message].Text;
            }
        }
    }
}
