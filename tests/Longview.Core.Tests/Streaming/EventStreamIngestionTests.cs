using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Streaming;

public sealed class EventStreamIngestionTests
{
    private readonly FlakyProfileStore _store = new();
    private readonly RecordingDeadLetterSink _sink = new();

    private EventStreamIngestion Create(int maxEventsPerPass = 5_000, int maxAttempts = 3, int maxIsolationSplits = 64, TimeSpan? shutdownGrace = null)
    {
        var reader = new EventBatchReader(new EventLimits(), TimeProvider.System);
        var ingestion = new EventIngestion(
            reader,
            new ProfileAggregator(new ProfileLimits()),
            _store,
            new NoItems(),
            Options.Create(new IngestionOptions()),
            TimeProvider.System,
            new Longview.Core.Privacy.UserIdHash(salt: null),
            NullLogger<EventIngestion>.Instance);
        var retry = new TransientRetry(
            Options.Create(new TransientRetryOptions { MaxAttempts = maxAttempts, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            new TimeoutsAreTransient(),
            TimeProvider.System,
            NullLogger<TransientRetry>.Instance);
        return new EventStreamIngestion(
            reader,
            ingestion,
            _sink,
            retry,
            TimeProvider.System,
            Options.Create(new StreamIngestionOptions { MaxEventsPerPass = maxEventsPerPass, MaxIsolationSplits = maxIsolationSplits, ShutdownGrace = shutdownGrace ?? TimeSpan.FromSeconds(10) }),
            NullLogger<EventStreamIngestion>.Instance);
    }

    private static string Event(string eventId, string userId, string itemId, int minute, string type = "view") =>
        $$"""{"eventId":"{{eventId}}","userId":"{{userId}}","itemId":"{{itemId}}","type":"{{type}}","timestamp":"2024-03-01T10:{{minute:00}}:00+00:00"}""";

    private static readonly string BadType = """{"eventId":"e-bad","userId":"u2","itemId":"i9","type":"teleport","timestamp":"2024-03-01T10:00:00Z"}""";

    private static StreamMessage[] MixedBatch() =>
    [
        new("p0-100", Event("e1", "u1", "i1", 1)),
        new("p0-101", $"[{Event("e2", "u1", "i2", 2)},{BadType},{Event("e1", "u1", "i1", 1)}]"),
        new("p0-102", $"{Event("e3", "u2", "i3", 3)}\n{{\"eventId\": broken\n{Event("e4", "u2", "i4", 4)}"),
        new("p0-103", "this is not JSON"),
    ];

    [Fact]
    public async Task A_mixed_batch_lands_good_events_and_dead_letters_each_bad_one_with_its_raw_json()
    {
        var report = await Create().IngestAsync(MixedBatch());

        Assert.Equal(new StreamBatchReport(Messages: 4, Accepted: 4, Duplicates: 1, Rejected: 2, Failed: 0, UnreadableMessages: 1, DeadLetters: 3), report);

        Assert.Equal(["i2", "i1"], _store.Profiles["u1"].Profile.Recent.Select(r => r.ItemId).Reverse().ToArray());
        Assert.Equal(["i4", "i3"], _store.Profiles["u2"].Profile.Recent.Select(r => r.ItemId).Reverse().ToArray());

        var letters = _sink.Letters;
        Assert.Equal(3, letters.Count);
        Assert.Equal(("p0-101", 1, "e-bad", "type"), (letters[0].BatchId, letters[0].Index, letters[0].EventId, letters[0].Field));
        Assert.Equal(BadType, letters[0].RawPayload);
        Assert.Contains("teleport", letters[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("p0-102", 1, "$"), (letters[1].BatchId, letters[1].Index, letters[1].Field));
        Assert.Equal("{\"eventId\": broken", letters[1].RawPayload);
        Assert.Equal(("p0-103", 0, "$", "this is not JSON"), (letters[2].BatchId, letters[2].Index, letters[2].Field, letters[2].RawPayload));
    }

    [Fact]
    public async Task Replaying_a_batch_changes_no_profile_and_writes_no_new_letters()
    {
        var ingestion = Create();
        await ingestion.IngestAsync(MixedBatch());
        var etags = _store.Profiles.ToDictionary(p => p.Key, p => p.Value.ETag);

        var replay = await ingestion.IngestAsync(MixedBatch());

        Assert.Equal(0, replay.Accepted);
        Assert.Equal(5, replay.Duplicates);
        Assert.Equal(etags, _store.Profiles.ToDictionary(p => p.Key, p => p.Value.ETag));
        Assert.Equal(3, _sink.Letters.Count);
    }

    [Fact]
    public async Task Transient_store_failures_are_retried_inside_the_batch()
    {
        _store.FailNextCalls(2);

        var report = await Create(maxAttempts: 3).IngestAsync([new StreamMessage("m", $"{Event("e1", "u1", "i1", 1)}\n{Event("e2", "u1", "i2", 2)}")]);

        Assert.Equal(2, report.Accepted);
        Assert.Equal(0, report.Failed);
        Assert.Empty(_sink.Letters);
        Assert.Equal(2, _store.Profiles["u1"].Profile.Recent.Count);
    }

    [Fact]
    public async Task Events_of_a_user_erased_after_them_are_counted_erased_and_never_dead_lettered()
    {
        // A dead letter would keep the erased user's raw event: they are dropped on purpose, and the report says so.
        var hash = new Longview.Core.Privacy.UserIdHash(salt: null).Of("u1");
        await _store.RecordErasureAsync(new Longview.Core.Erasure.ErasureRecord(hash, new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero)));

        var report = await Create().IngestAsync([new StreamMessage("p0-7", $"[{Event("e1", "u1", "i1", 1)},{Event("e2", "u2", "i2", 2)}]")]);

        Assert.Equal(new StreamBatchReport(1, Accepted: 1, 0, 0, Failed: 0, 0, DeadLetters: 0, Erased: 1), report);
        Assert.Empty(_sink.Letters);
        Assert.False(_store.Profiles.ContainsKey("u1"));
    }

    [Fact]
    public async Task Transient_store_failures_are_retried_past_the_attempt_cap_until_the_store_answers()
    {
        // The stream moves past the batch when the call returns: a transient outage must not turn good events into letters.
        _store.FailNextCalls(25);

        var report = await Create(maxAttempts: 3).IngestAsync(
            [new StreamMessage("m7", $"[{Event("e1", "u1", "i1", 1)},{Event("e2", "u3", "i2", 2)}]")]);

        Assert.Equal(new StreamBatchReport(1, Accepted: 2, 0, 0, Failed: 0, 0, DeadLetters: 0), report);
        Assert.Empty(_sink.Letters);
        Assert.Equal(2, _store.Profiles.Count);
    }

    [Fact]
    public async Task A_dead_letter_store_that_keeps_failing_is_retried_until_the_letters_are_written()
    {
        _sink.FailNextWrites(30);

        var report = await Create(maxAttempts: 2).IngestAsync(MixedBatch());

        Assert.Equal(3, report.DeadLetters);
        Assert.Equal(3, _sink.Letters.Count);
    }

    [Fact]
    public async Task Cancelled_before_the_store_answers_every_unconfirmed_event_is_dead_lettered_and_the_cancellation_propagates()
    {
        using var cancel = new CancellationTokenSource();
        _store.FailNextCalls(int.MaxValue);
        _store.OnFailure = failures => { if (failures == 5) { cancel.Cancel(); } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create().IngestAsync(MixedBatch(), cancel.Token));

        Assert.Empty(_store.Profiles);
        // 3 poison letters + the 5 valid events (e1 twice), each exactly once.
        Assert.Equal(8, _sink.Letters.Count);
        Assert.Equal(5, _sink.Letters.Count(l => l.Reason == EventStreamIngestion.CancelledReason));
    }

    [Fact]
    public async Task Cancelled_with_the_dead_letter_store_down_the_call_still_ends_after_the_grace()
    {
        using var cancel = new CancellationTokenSource();
        _sink.AlwaysFail = true;
        _sink.OnFailure = failures => { if (failures == 3) { cancel.Cancel(); } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(shutdownGrace: TimeSpan.Zero).IngestAsync(MixedBatch(), cancel.Token));

        Assert.Empty(_sink.Letters);
    }

    [Fact]
    public async Task Large_batches_are_aggregated_in_bounded_passes_without_losing_events()
    {
        var messages = Enumerable.Range(0, 7)
            .Select(i => new StreamMessage($"m{i}", Event($"e{i}", $"u{i % 2}", $"i{i}", i)))
            .ToArray();

        var report = await Create(maxEventsPerPass: 3).IngestAsync(messages);

        Assert.Equal(7, report.Accepted);
        Assert.Equal(3, _store.Reads);
        Assert.Equal(4, _store.Profiles["u0"].Profile.Recent.Count);
        Assert.Equal(3, _store.Profiles["u1"].Profile.Recent.Count);
    }

    [Fact]
    public async Task One_event_the_store_cannot_hold_is_isolated_and_the_rest_of_its_pass_lands()
    {
        _store.RefusedIdCharacter = '/';
        var messages = Enumerable.Range(0, 9)
            .Select(i => new StreamMessage($"m{i}", Event($"e{i}", i == 5 ? "team/5" : $"u{i}", $"i{i}", i)))
            .ToArray();

        var report = await Create().IngestAsync(messages);

        Assert.Equal((8, 0, 1), (report.Accepted, report.Rejected, report.Failed));
        Assert.Equal(8, _store.Profiles.Count);
        var letter = Assert.Single(_sink.Letters);
        Assert.Equal(("m5", 0, "e5"), (letter.BatchId, letter.Index, letter.EventId));
        Assert.Contains("System.ArgumentException", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(messages[5].Text, letter.RawPayload);
    }

    [Fact]
    public async Task A_systemic_permanent_failure_stops_splitting_at_the_budget_and_dead_letters_everything()
    {
        _store.RefuseAllWrites = true;
        var messages = Enumerable.Range(0, 64)
            .Select(i => new StreamMessage($"m{i}", Event($"e{i}", $"u{i}", $"i{i}", i % 60)))
            .ToArray();

        var report = await Create(maxIsolationSplits: 4).IngestAsync(messages);

        Assert.Equal((0, 64, 64), (report.Accepted, report.Failed, report.DeadLetters));
        Assert.Equal(1 + 2 * 4, _store.Writes);
        Assert.All(_sink.Letters, l => Assert.Contains("System.InvalidOperationException", l.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(100_001, 64)]
    [InlineData(5_000, -1)]
    [InlineData(5_000, 1_001)]
    public void Settings_outside_their_bounds_are_refused(int maxEventsPerPass, int maxIsolationSplits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(maxEventsPerPass, maxIsolationSplits: maxIsolationSplits));
    }
}
