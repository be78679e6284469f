using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Privacy;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Streaming;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Fuzzing;

/// <summary>
/// Hostile input at every decoding entry point: the event and item readers, event and item ingestion, and the Event
/// Hubs path (<see cref="EventStreamIngestion"/>, through its public API). Each property: no exception, every good
/// element kept, every bad one rejected with a field and a reason at its own index, no id of the batch in any log line.
/// Each runs in well under a few seconds.
/// </summary>
public sealed class IngestionFuzzTests
{
    private static EventBatchReader EventReader() => new(new EventLimits(), new FixedTimeProvider(FuzzBatches.Now));

    [Property(MaxTest = 300)]
    public Property Random_bytes_never_make_a_reader_throw() =>
        Prop.ForAll(FuzzBatches.RandomBodies(), body =>
        {
            var events = EventReader().Read(body);
            var items = new ItemBatchReader(new ItemLimits()).Read(body);
            // Either the whole body is refused, or each element is exactly one of kept or rejected.
            return (events.Failure is not null || events.Errors.All(e => e.Field.Length > 0 && e.Reason.Length > 0))
                   && (items.Failure is not null || items.Errors.All(e => e.Field.Length > 0 && e.Reason.Length > 0));
        });

    [Property(MaxTest = 300)]
    public Property Any_user_id_is_accepted_exactly_when_the_id_rule_accepts_it() =>
        Prop.ForAll(FuzzBatches.AnyIds(), userId =>
        {
            var json = $"{{\"eventId\":\"e1\",\"userId\":\"{FuzzBatches.Escaped(userId)}\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"2025-05-01T10:00:00Z\"}}";
            var read = EventReader().Read(Encoding.UTF8.GetBytes(json));
            var valid = IdRule.IsValid(userId);
            return read.Failure is null
                   && (valid
                       ? read.Values.Count == 1 && read.Values[0].Value.UserId == userId
                       : read.Errors.Count == 1 && read.Errors[0].Field == "userId" && read.Errors[0].EventId == "e1");
        });

    [Property(MaxTest = 200)]
    public Property The_event_reader_keeps_every_good_event_and_rejects_each_bad_one_at_its_index() =>
        Prop.ForAll(FuzzBatches.EventBatches(), batch =>
        {
            var read = EventReader().Read(batch.Body());
            return read.Failure is null
                   && read.Values.Select(v => v.Index).SequenceEqual(batch.GoodIndexes)
                   && read.Errors.Select(e => e.Index).SequenceEqual(batch.BadIndexes)
                   && read.Errors.All(e => e.Field.Length > 0 && e.Reason.Length > 0);
        });

    [Property(MaxTest = 200)]
    public Property The_item_reader_keeps_every_good_item_and_rejects_each_bad_one_at_its_index() =>
        Prop.ForAll(FuzzBatches.ItemBatches(), batch =>
        {
            var read = new ItemBatchReader(new ItemLimits()).Read(batch.Body());
            return read.Failure is null
                   && read.Values.Select(v => v.Index).SequenceEqual(batch.GoodIndexes)
                   && read.Errors.Select(e => e.Index).SequenceEqual(batch.BadIndexes)
                   && read.Errors.All(e => e.Field.Length > 0 && e.Reason.Length > 0);
        });

    [Property(MaxTest = 100)]
    public Property Event_ingestion_applies_every_good_event_rejects_each_bad_one_and_logs_no_id() =>
        Prop.ForAll(FuzzBatches.EventBatches(), batch =>
        {
            var logs = new CapturingLogs();
            var store = new KeyCheckingProfileStore();
            var ingestion = Ingestion(store, logs);

            var result = ingestion.IngestAsync(batch.Body()).GetAwaiter().GetResult();

            var report = result.Report!;
            var goodUsers = batch.Lines.Where(l => l.Good).Select(l => l.Id!).Distinct().ToList();
            return (result.Failure is null).Label("body refused")
                   .And((report.Accepted == batch.GoodIndexes.Count() && report.Duplicates == 0).Label($"accepted {report.Accepted}"))
                   .And(report.Rejected.Select(r => r.Index).SequenceEqual(batch.BadIndexes).Label("rejected indexes"))
                   .And(goodUsers.All(u => store.GetAsync(u).GetAwaiter().GetResult() is not null).Label("a good user has no profile"))
                   .And((logs.LineContainingAny(batch.Ids) is null).Label($"raw id logged: {logs.LineContainingAny(batch.Ids)}"));
        });

    [Property(MaxTest = 100)]
    public Property Item_ingestion_upserts_every_good_item_and_rejects_each_bad_one() =>
        Prop.ForAll(FuzzBatches.ItemBatches(), batch =>
        {
            var catalog = new InMemoryItemCatalog();
            var logs = new CapturingLogs();
            var ingestion = new ItemIngestion(new ItemBatchReader(new ItemLimits()), catalog, logs.For<ItemIngestion>());

            var result = ingestion.IngestAsync(batch.Body()).GetAwaiter().GetResult();

            return result.Failure is null
                   && result.Report!.Accepted == batch.GoodIndexes.Count()
                   && result.Report.Rejected.Select(r => r.Index).SequenceEqual(batch.BadIndexes)
                   && catalog.GetManyAsync(batch.GoodIndexes.Select(i => $"m{i}").Concat(batch.GoodIndexes.Select(i => $"m/{i}")).ToList()).GetAwaiter().GetResult().Count == batch.GoodIndexes.Count();
        });

    /// <summary>
    /// The Event Hubs path: messages arrive as text, so bytes that are not UTF-8 cannot occur there (the host decodes
    /// them before the trigger runs); everything else does, escapes of lone surrogates and C1 characters included.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Stream_ingestion_lands_every_good_event_and_dead_letters_each_bad_one_and_logs_no_id() =>
        Prop.ForAll(Gen.Choose(1, 3).SelectMany(count => FuzzBatches.EventBatches().Generator.ListOf(count)).ToArbitrary(), batches =>
        {
            var messages = batches.Select(b => b.TextSafeOnly()).ToList();
            var logs = new CapturingLogs();
            var store = new KeyCheckingProfileStore();
            var sink = new ListDeadLetterSink();
            var ingestion = StreamIngestion(store, sink, logs);
            // Event ids repeat across messages (e0, e1, ...): give each message its own users' events by id prefix.
            var stream = messages.Select((m, i) => new StreamMessage($"p0-{i}", m.Text().Replace("\"eventId\":\"", $"\"eventId\":\"m{i}", StringComparison.Ordinal))).ToList();

            var report = ingestion.IngestAsync(stream).GetAwaiter().GetResult();

            var expectedLetters = messages.SelectMany((m, i) => m.BadIndexes.Select(index => ($"p0-{i}", index))).OrderBy(x => x).ToList();
            var letters = sink.Letters.Select(l => (l.BatchId, l.Index)).OrderBy(x => x).ToList();
            var ids = messages.SelectMany(m => m.Ids).ToList();
            return (report.Accepted == messages.Sum(m => m.GoodIndexes.Count())).Label($"accepted {report.Accepted}")
                   .And((report.Rejected == expectedLetters.Count && report.Failed == 0 && report.UnreadableMessages == 0).Label($"report {report}"))
                   .And(letters.SequenceEqual(expectedLetters).Label("dead letters"))
                   .And(sink.Letters.All(l => l.Reason.Length > 0 && l.RawPayload.Length > 0).Label("letter without reason or payload"))
                   .And((logs.LineContainingAny(ids) is null).Label($"raw id logged: {logs.LineContainingAny(ids)}"));
        });

    private static EventIngestion Ingestion(KeyCheckingProfileStore store, CapturingLogs logs) => new(
        EventReader(),
        new ProfileAggregator(new ProfileLimits()),
        store,
        new InMemoryItemCatalog(),
        Options.Create(new IngestionOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(2) }),
        TimeProvider.System,
            new UserIdHash(salt: null),
        logs.For<EventIngestion>());

    private static EventStreamIngestion StreamIngestion(KeyCheckingProfileStore store, ListDeadLetterSink sink, CapturingLogs logs)
    {
        var retry = new TransientRetry(
            Options.Create(new TransientRetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            new NothingIsTransient(),
            TimeProvider.System,
            logs.For<TransientRetry>());
        return new EventStreamIngestion(
            EventReader(),
            Ingestion(store, logs),
            sink,
            retry,
            TimeProvider.System,
            Options.Create(new StreamIngestionOptions()),
            logs.For<EventStreamIngestion>());
    }
}
