using Longview.Core.Resilience;
using Longview.Core.Streaming;
using Microsoft.Extensions.Logging;
using static Longview.Functions.Tests.EventHubs.StreamEvents;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// The app's Event Hubs function, invoked as the host invokes it (a <c>string[]</c> batch with the trigger's binding
/// data), over embedded stores that fail on a plan. The invariant under test: every message of a batch ends in the
/// profile store or the dead-letter store before the function returns; a cancelled invocation dead-letters what it
/// had not stored before it throws.
/// </summary>
public sealed class IngestEventsTests : IDisposable
{
    private readonly IngestEventsHarness _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Sequence numbers 1200..1204 of partition 3.</summary>
    private static string[] MixedBatch() =>
    [
        Good("e1", "u1", "i1", 1),
        $"[{Good("e2", "u1", "i2", 2)},{UnknownType("bad-type")},{Good("e1", "u1", "i1", 1)}]",
        $"{Good("e3", "u2", "i3", 3)}\n{Malformed}\n{NoUserId("bad-user")}",
        NotJson,
        NoOffset("bad-time"),
    ];

    [Fact]
    public async Task Good_events_land_once_and_each_poison_event_is_a_letter_keyed_by_partition_and_sequence_with_its_precise_reason()
    {
        await _app.RunAsync(MixedBatch(), firstSequence: 1200);

        Assert.Equal(new Dictionary<string, int> { ["e1"] = 1, ["e2"] = 1 }, await _app.AppliedEventIdsAsync("u1"));
        Assert.Equal(new Dictionary<string, int> { ["e3"] = 1 }, await _app.AppliedEventIdsAsync("u2"));
        Assert.Null(await _app.ProfileAsync("u-poison"));

        var letters = await _app.LettersAsync();
        Assert.Equal(["events-p3-1201-1", "events-p3-1202-1", "events-p3-1202-2", "events-p3-1203-0", "events-p3-1204-0"], letters.Keys.Order(StringComparer.Ordinal));

        var type = letters["events-p3-1201-1"];
        Assert.Equal(("events-p3-1201", 1, "bad-type", "type", UnknownType("bad-type")), (type.BatchId, type.Index, type.EventId, type.Field, type.RawPayload));
        Assert.Contains("teleport", type.Reason, StringComparison.Ordinal);

        var malformed = letters["events-p3-1202-1"];
        Assert.Equal(("$", Malformed), (malformed.Field, malformed.RawPayload));

        var user = letters["events-p3-1202-2"];
        Assert.Equal(("bad-user", "userId", NoUserId("bad-user")), (user.EventId, user.Field, user.RawPayload));

        var unreadable = letters["events-p3-1203-0"];
        Assert.Equal(("$", NotJson), (unreadable.Field, unreadable.RawPayload));

        var time = letters["events-p3-1204-0"];
        Assert.Equal(("bad-time", "timestamp"), (time.EventId, time.Field));
        Assert.Contains("offset", time.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_batch_redelivered_on_a_later_day_writes_no_second_letter_and_changes_no_profile()
    {
        await _app.RunAsync(MixedBatch(), firstSequence: 1200);
        var before = await _app.LettersAsync();
        var profile = await _app.ProfileAsync("u1");

        _app.Time.Shift = TimeSpan.FromDays(1);
        await _app.RunAsync(MixedBatch(), firstSequence: 1200);

        var after = await _app.LettersAsync();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(after, l => Assert.Equal(before[l.Key].DeadLetteredAt, l.Value.DeadLetteredAt));
        Assert.Equal(profile!.LastSeen, (await _app.ProfileAsync("u1"))!.LastSeen);
        Assert.Equal(new Dictionary<string, int> { ["e1"] = 1, ["e2"] = 1 }, await _app.AppliedEventIdsAsync("u1"));
    }

    [Fact]
    public async Task A_dead_letter_store_that_fails_for_a_while_is_retried_and_the_function_returns_only_once_every_letter_is_written()
    {
        // 40 failed writes, some of them after the blob landed (the answer lost): far more than any fixed retry count.
        _app.Blobs.Plan = new FaultPlan([.. Enumerable.Range(0, 40).Select(i => i % 3 == 2 ? Fault.After : Fault.Before)]);

        await _app.RunAsync(MixedBatch(), firstSequence: 1200);

        Assert.Equal(40, _app.Blobs.Plan.FaultsInjected);
        Assert.Equal(5, (await _app.LettersAsync()).Count);
        Assert.Equal(new Dictionary<string, int> { ["e1"] = 1, ["e2"] = 1 }, await _app.AppliedEventIdsAsync("u1"));
    }

    [Fact]
    public async Task A_profile_store_that_throttles_is_retried_until_every_good_event_is_applied_once()
    {
        // 429s before the call and after the write landed: 200 in a row, far past TransientRetryOptions.MaxAttempts (5)
        // even when multiplied by the isolation splits.
        _app.Profiles.Plan = new FaultPlan(call => call > 200 ? Fault.None : call % 2 == 0 ? Fault.Before : Fault.After);

        await _app.RunAsync(MixedBatch(), firstSequence: 1200);

        Assert.Equal(200, _app.Profiles.Plan.FaultsInjected);
        Assert.Equal(new Dictionary<string, int> { ["e1"] = 1, ["e2"] = 1 }, await _app.AppliedEventIdsAsync("u1"));
        Assert.Equal(new Dictionary<string, int> { ["e3"] = 1 }, await _app.AppliedEventIdsAsync("u2"));
        Assert.Equal(5, (await _app.LettersAsync()).Count);
        Assert.DoesNotContain((await _app.LettersAsync()).Values, l => l.Reason.Contains("store", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_the_profile_store_refuses_is_a_letter_with_the_store_error_and_its_neighbours_land()
    {
        _app.Profiles.RefusedUserId = "u-refused";

        await _app.RunAsync([$"[{Good("a1", "u7", "i1")},{Good("a2", "u-refused", "i2")},{Good("a3", "u8", "i3")}]"], firstSequence: 77);

        Assert.Equal(new Dictionary<string, int> { ["a1"] = 1 }, await _app.AppliedEventIdsAsync("u7"));
        Assert.Equal(new Dictionary<string, int> { ["a3"] = 1 }, await _app.AppliedEventIdsAsync("u8"));
        var letter = Assert.Single(await _app.LettersAsync());
        Assert.Equal("events-p3-77-1", letter.Key);
        Assert.Equal("a2", letter.Value.EventId);
        Assert.Equal(
            "the profile store refused it (permanent failure): Microsoft.Azure.Cosmos.CosmosException: The input content is invalid because the required properties - 'id; ' - are missing",
            letter.Value.Reason);
    }

    /// <summary>
    /// Issue 13 item 2 through the Event Hubs path: C1 controls and unpaired surrogate escapes in ids. Whether such an
    /// event is refused (and with which reason) is the event contract's call (Core/Events); here it may never take the
    /// batch down or vanish: the good neighbours land, and each hostile event is applied or dead-lettered. (Invalid UTF-8
    /// cannot reach this path as such: the host decodes the bytes into the string[] with replacement characters.)
    /// </summary>
    [Fact]
    public async Task Hostile_characters_in_ids_never_cost_the_batch_and_never_vanish()
    {
        string[] hostile =
        [
            Good("h1", "a\u0085b", "i1"),                 // the raw C1 character (NEL) in the JSON text
            Good("h2", @"\ud800", "i2"),                   // an unpaired surrogate escape
            Good("h3", "u5", "i\u009f"),                   // a C1 character in the item id
            Good("h4", @"\udc00x\ud800", "i4"),           // reversed and unpaired escapes
        ];

        await _app.RunAsync([Good("ok1", "u1", "i1"), string.Join("\n", hostile), Good("ok2", "u1", "i2")], firstSequence: 10);

        Assert.Equal(new Dictionary<string, int> { ["ok1"] = 1, ["ok2"] = 1 }, await _app.AppliedEventIdsAsync("u1"));
        var letters = await _app.LettersAsync();
        // The ids as .NET strings, as a reader that accepted the escapes would hand them over.
        string[] users = ["a\u0085b", "\ud800", "u5", "\udc00x\ud800"];
        for (var i = 0; i < hostile.Length; i++)
        {
            var userId = users[i];
            int applied;
            try
            {
                applied = (await _app.AppliedEventIdsAsync(userId)).GetValueOrDefault($"h{i + 1}");
            }
            catch (ArgumentException)
            {
                applied = 0; // The store cannot even look such an id up: it holds no profile under it.
            }
            // Its own letter, or the whole message's when the reader refused the message as such (field "$").
            var lettered = (letters.TryGetValue($"events-p3-11-{i}", out var letter) && letter.Reason.Length > 0 && letter.Field != "$")
                || (letters.TryGetValue("events-p3-11-0", out var whole) && whole.Field == "$" && whole.RawPayload == string.Join("\n", hostile));
            Assert.True(applied == 1 ^ lettered, $"h{i + 1}: applied {applied} time(s), lettered: {lettered}");
        }
    }

    [Fact]
    public async Task Cancelled_while_the_profile_store_throttles_the_function_dead_letters_every_unstored_event_then_throws()
    {
        using var invocation = new CancellationTokenSource();
        _app.Profiles.Plan = FaultPlan.FailFirst(1_000_000);
        _app.Profiles.Plan.OnCall = call =>
        {
            if (call == 7)
            {
                invocation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _app.RunAsync(MixedBatch(), firstSequence: 1200, cancellationToken: invocation.Token));

        Assert.Null(await _app.ProfileAsync("u1"));
        var letters = await _app.LettersAsync();
        // The five poison letters with their own reasons, and the four good events (e1 twice: its duplicate too) as
        // letters that say why; replaying them is safe (aggregation is idempotent per eventId).
        Assert.Equal(
            ["events-p3-1200-0", "events-p3-1201-0", "events-p3-1201-1", "events-p3-1201-2", "events-p3-1202-0", "events-p3-1202-1", "events-p3-1202-2", "events-p3-1203-0", "events-p3-1204-0"],
            letters.Keys.Order(StringComparer.Ordinal));
        Assert.All(new[] { "events-p3-1200-0", "events-p3-1201-0", "events-p3-1201-2", "events-p3-1202-0" },
            key => Assert.Equal(EventStreamIngestion.CancelledReason, letters[key].Reason));
        Assert.Equal(Good("e3", "u2", "i3", 3), letters["events-p3-1202-0"].RawPayload);
        Assert.Equal("type", letters["events-p3-1201-1"].Field);
    }

    [Fact]
    public async Task Cancelled_while_the_dead_letter_store_is_down_the_letters_are_written_within_the_grace_once_it_recovers()
    {
        using var invocation = new CancellationTokenSource();
        _app.Blobs.Plan = FaultPlan.FailFirst(30);
        _app.Blobs.Plan.OnCall = call =>
        {
            if (call == 10)
            {
                invocation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _app.RunAsync(MixedBatch(), firstSequence: 1200, cancellationToken: invocation.Token));

        Assert.Equal(30, _app.Blobs.Plan.FaultsInjected);
        Assert.Equal(5, (await _app.LettersAsync()).Count);
        Assert.Equal(new Dictionary<string, int> { ["e1"] = 1, ["e2"] = 1 }, await _app.AppliedEventIdsAsync("u1"));
        Assert.Contains(_app.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("5 letters written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelled_with_the_dead_letter_store_down_past_the_grace_the_log_names_the_messages_to_replay_never_the_users()
    {
        // Real (millisecond) backoff here: the grace timer must get a thread while the writes keep failing.
        using var app = new IngestEventsHarness(
            new StreamIngestionOptions { ShutdownGrace = TimeSpan.FromMilliseconds(50) },
            new TransientRetryOptions { InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) });
        using var invocation = new CancellationTokenSource();
        app.Blobs.Plan = FaultPlan.FailFirst(int.MaxValue / 2);
        app.Blobs.Plan.OnCall = call =>
        {
            if (call == 3)
            {
                invocation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.RunAsync(MixedBatch(), firstSequence: 1200, cancellationToken: invocation.Token));

        var critical = Assert.Single(app.Logs.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains("events-p3-1201, events-p3-1202, events-p3-1203, events-p3-1204", critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("u-poison", critical.Message, StringComparison.Ordinal);
    }
}
