using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Tests.Profiles;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Ingestion;

public sealed class EventIngestionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryProfileStore _store = new();
    private readonly InMemoryItemCatalog _catalog = new();

    private EventIngestion Ingestion(ProfileLimits? limits = null, int maxRetries = 8) => new(
        new EventBatchReader(new EventLimits(), new FixedTimeProvider(Now)),
        new ProfileAggregator(limits ?? new ProfileLimits()),
        _store,
        _catalog,
        Options.Create(new IngestionOptions { MaxConflictRetries = maxRetries, BaseRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(2) }),
        TimeProvider.System,
        new Longview.Core.Privacy.UserIdHash(salt: null),
        NullLogger<EventIngestion>.Instance);

    private static string EventJson(string id, string user, string type = "view", string item = "i1", string at = "2025-05-01T10:00:00Z") =>
        $"{{\"eventId\":\"{id}\",\"userId\":\"{user}\",\"itemId\":\"{item}\",\"type\":\"{type}\",\"timestamp\":\"{at}\"}}";

    private static ReadOnlyMemory<byte> Body(params string[] events) => Encoding.UTF8.GetBytes($"[{string.Join(',', events)}]");

    [Fact]
    public async Task A_mixed_batch_applies_the_good_events_and_reports_the_rest()
    {
        await _catalog.UpsertManyAsync([new CatalogItem("i1", "Blue Train", ["jazz"])]);
        var body = Body(
            EventJson("e1", "u1"),
            EventJson("e2", "u1", type: "watch"),
            EventJson("e1", "u1"),
            EventJson("e3", "u2", type: "click", at: "2025-05-02T10:00:00Z"),
            "{\"eventId\":\"e4\",\"userId\":\"u1\",\"type\":\"session_start\",\"timestamp\":\"2025-04-30T08:00:00-04:00\"}");

        var result = await Ingestion().IngestAsync(body);

        Assert.Null(result.Failure);
        var report = result.Report!;
        Assert.Equal((3, 1), (report.Accepted, report.Duplicates));
        var rejected = Assert.Single(report.Rejected);
        Assert.Equal((1, "e2", "type"), (rejected.Index, rejected.EventId, rejected.Field));

        var u1 = (await _store.GetAsync("u1"))!.Profile;
        Assert.Equal((1L, 1L), (u1.Counts[EventType.View], u1.Counts[EventType.SessionStart]));
        Assert.Equal(new DateTimeOffset(2025, 4, 30, 12, 0, 0, TimeSpan.Zero), u1.FirstSeen);
        Assert.True(u1.AffinityAt("jazz", Now, TimeSpan.FromDays(30)) > 0);
        Assert.Equal(1, (await _store.GetAsync("u2"))!.Profile.Counts[EventType.Click]);
    }

    [Fact]
    public async Task A_redelivered_batch_is_all_duplicates_and_writes_nothing()
    {
        var body = Body(EventJson("e1", "u1"), EventJson("e2", "u1", at: "2025-05-03T00:00:00Z"));
        var ingestion = Ingestion();
        await ingestion.IngestAsync(body);
        var etag = (await _store.GetAsync("u1"))!.ETag;

        var again = (await ingestion.IngestAsync(body)).Report!;

        Assert.Equal((0, 2, 0), (again.Accepted, again.Duplicates, again.Rejected.Count));
        Assert.Equal(etag, (await _store.GetAsync("u1"))!.ETag);
    }

    [Theory]
    [InlineData("not json", 400)]
    [InlineData("[{\"eventId\":", 400)]
    public async Task A_refused_body_writes_nothing(string body, int status)
    {
        var result = await Ingestion().IngestAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(status, result.Failure!.Status);
        Assert.Null(result.Report);
        Assert.Null(await _store.GetAsync("u1"));
    }

    [Fact]
    public async Task Known_profiles_are_folded_onto_without_being_read_again()
    {
        await Ingestion().IngestAsync(Body(EventJson("e1", "u1")));
        var served = (await _store.GetAsync("u1"))!;
        var readsBefore = _store.ProfilesRead;

        var report = await Ingestion().IngestAsync(
            [Event("e2", "u1"), Event("e3", "u2")], new Dictionary<string, Ports.StoredProfile> { ["u1"] = served }, Ports.WriteDurability.Durable);

        Assert.Equal((2, 0), (report.Accepted, report.Rejected.Count));
        Assert.Equal(1, _store.ProfilesRead - readsBefore); // u2 only
        Assert.Equal(2, (await _store.GetAsync("u1"))!.Profile.Counts[EventType.View]);
    }

    [Fact]
    public async Task A_known_profile_that_changed_since_is_read_again_and_nothing_is_lost()
    {
        await Ingestion().IngestAsync(Body(EventJson("e1", "u1")));
        var stale = (await _store.GetAsync("u1"))!;
        await Ingestion().IngestAsync(Body(EventJson("e2", "u1", at: "2025-05-02T00:00:00Z")));

        var report = await Ingestion().IngestAsync([Event("e3", "u1")], new Dictionary<string, Ports.StoredProfile> { ["u1"] = stale }, Ports.WriteDurability.Durable);

        Assert.Equal(1, report.Accepted);
        Assert.Equal(1, _store.ConflictsReturned);
        Assert.Equal(3, (await _store.GetAsync("u1"))!.Profile.Counts[EventType.View]);
    }

    [Fact]
    public async Task Writes_promise_what_the_caller_asked_and_durably_by_default()
    {
        await Ingestion().IngestAsync(Body(EventJson("e1", "u1")));
        var known = (await _store.GetAsync("u1"))!;
        await Ingestion().IngestAsync([Event("e2", "u1")], new Dictionary<string, Ports.StoredProfile> { ["u1"] = known }, Ports.WriteDurability.BestEffort);
        await Ingestion().IngestAsync([Event("e3", "u2")]);

        Assert.Equal([Ports.WriteDurability.Durable, Ports.WriteDurability.BestEffort, Ports.WriteDurability.Durable], _store.WriteDurabilities);
    }

    private static UserEvent Event(string id, string user) => new(id, user, "i1", EventType.View, new DateTimeOffset(2025, 5, 3, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Conflicting_writes_are_retried_without_losing_or_double_counting_events()
    {
        _store.ConflictsToInject["u1"] = 3;
        var body = Body(EventJson("e1", "u1"), EventJson("e2", "u1", at: "2025-05-02T00:00:00Z"), EventJson("e3", "u2"));

        var report = (await Ingestion().IngestAsync(body)).Report!;

        Assert.Equal((3, 0, 0), (report.Accepted, report.Duplicates, report.Rejected.Count));
        Assert.Equal(3, _store.ConflictsReturned);
        Assert.Equal(2, (await _store.GetAsync("u1"))!.Profile.Counts[EventType.View]);
    }

    [Fact]
    public async Task Events_of_a_user_still_conflicting_after_the_retries_are_rejected_not_lost()
    {
        _store.ConflictsToInject["u1"] = 100;
        var body = Body(EventJson("e1", "u1"), EventJson("e2", "u2"), EventJson("e3", "u1", at: "2025-05-02T00:00:00Z"));

        var report = (await Ingestion(maxRetries: 2).IngestAsync(body)).Report!;

        Assert.Equal(1, report.Accepted);
        Assert.Equal([0, 2], report.Rejected.Select(r => r.Index));
        Assert.All(report.Rejected, r => Assert.Contains("concurrency conflict", r.Reason));
        Assert.Equal(3, _store.ConflictsReturned);
        Assert.Null(await _store.GetAsync("u1"));
    }

    [Fact]
    public async Task An_event_beyond_the_dedup_horizon_is_reported_as_rejected()
    {
        var ingestion = Ingestion(new ProfileLimits { MaxSeenEventIds = 2 });
        await ingestion.IngestAsync(Body(EventJson("e1", "u1", at: "2025-05-02T00:00:00Z"), EventJson("e2", "u1", at: "2025-05-03T00:00:00Z")));

        var report = (await ingestion.IngestAsync(Body(EventJson("old", "u1", at: "2025-05-01T00:00:00Z")))).Report!;

        var rejected = Assert.Single(report.Rejected);
        Assert.Equal((0, "old", "timestamp"), (rejected.Index, rejected.EventId, rejected.Field));
        Assert.Contains("deduplication", rejected.Reason);
        Assert.Equal(2, (await _store.GetAsync("u1"))!.Profile.Counts[EventType.View]);
    }

    [Fact]
    public async Task Built_events_are_validated_with_their_list_position()
    {
        var events = new[]
        {
            new UserEvent("e1", "u1", "i1", EventType.View, Now.AddDays(-1)),
            new UserEvent("e2", "u1", "i1", EventType.View, Now.AddDays(1)),
        };

        var report = await Ingestion().IngestAsync(events);

        Assert.Equal(1, report.Accepted);
        Assert.Equal((1, "timestamp"), (report.Rejected[0].Index, report.Rejected[0].Field));
    }

    [Fact]
    public async Task Concurrent_ingestion_of_overlapping_users_loses_and_duplicates_nothing()
    {
        var events = Enumerable.Range(0, 2000)
            .Select(i => new UserEvent($"e{i}", $"u{i % 5}", $"i{i % 17}", EventType.View, Now.AddDays(-30).AddMinutes(i)))
            .ToList();
        var ingestion = Ingestion(maxRetries: 50);
        // Four writers deliver every event once each, in different chunkings and orders: all of them race on 5 users.
        var deliveries = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var order = events.OrderBy(e => (e.EventId.GetHashCode(StringComparison.Ordinal) * (w + 1)) % 9973).ToList();
            var reports = new List<IngestReport>();
            foreach (var chunk in order.Chunk(50 + (w * 13)))
            {
                reports.Add(await ingestion.IngestAsync(chunk));
            }

            return reports;
        })).ToList();

        var reports = (await Task.WhenAll(deliveries)).SelectMany(r => r).ToList();

        Assert.Empty(reports.SelectMany(r => r.Rejected));
        Assert.Equal(2000, reports.Sum(r => r.Accepted));
        Assert.Equal(3 * 2000, reports.Sum(r => r.Duplicates));
        for (var u = 0; u < 5; u++)
        {
            Assert.Equal(400, (await _store.GetAsync($"u{u}"))!.Profile.Counts[EventType.View]);
        }
    }

    [Property(Arbitrary = [typeof(EventHistories)], MaxTest = 60)]
    public void Out_of_order_redelivery_in_any_chunks_gives_the_profile_of_one_ordered_fold(EventHistory history, int chunkSeed)
    {
        var store = new InMemoryProfileStore();
        var catalog = new InMemoryItemCatalog();
        catalog.UpsertManyAsync(history.Categories.Select(c => new CatalogItem(c.Key, c.Key, c.Value)).ToList()).GetAwaiter().GetResult();
        store.ConflictsToInject[EventHistories.UserId] = Math.Abs(chunkSeed % 3);
        // Small bounds except the impressions window, which is also the impressions' dedup horizon: all of a history's
        // impressions fall within it, as order-insensitivity requires.
        var aggregator = new ProfileAggregator(new ProfileLimits { MaxRecentEvents = 5, MaxRecentImpressions = 40, ActiveDaysWindow = 10 });
        var ingestion = new EventIngestion(
            new EventBatchReader(new EventLimits { MinTimestamp = DateTimeOffset.MinValue }, new FixedTimeProvider(Now)),
            aggregator, store, catalog, Options.Create(new IngestionOptions { BaseRetryDelay = TimeSpan.Zero }), TimeProvider.System, new Longview.Core.Privacy.UserIdHash(salt: null), NullLogger<EventIngestion>.Instance);

        var chunkSize = 1 + Math.Abs(chunkSeed % 17);
        var accepted = 0;
        var duplicates = 0;
        foreach (var chunk in history.WithDuplicates.Chunk(chunkSize))
        {
            var report = ingestion.IngestAsync(chunk).GetAwaiter().GetResult();
            Assert.Empty(report.Rejected);
            accepted += report.Accepted;
            duplicates += report.Duplicates;
        }

        Assert.Equal(history.Events.Length, accepted);
        Assert.Equal(history.WithDuplicates.Length - history.Events.Length, duplicates);
        var expected = EventHistories.Fold(aggregator, history.Events.OrderBy(e => e.Timestamp), history);
        var stored = store.GetAsync(EventHistories.UserId).GetAwaiter().GetResult()?.Profile ?? ProfileAggregator.NewProfile(EventHistories.UserId);
        Assert.Null(ProfileEquivalence.Difference(expected, stored));
    }

    /// <summary>Several users' histories (ids made unique per user) interleaved in one shuffled stream with redeliveries.</summary>
    public sealed record MultiUserStream(EventHistory[] Histories, UserEvent[] Stream, int ChunkSize)
    {
        public override string ToString() => $"{Stream.Length} events of {Histories.Length} users in chunks of {ChunkSize}";
    }

    public static class MultiUserStreams
    {
        public static Arbitrary<MultiUserStream> Stream() => Arb.From(
            from histories in EventHistories.HistoryGen(maxEvents: 30).ArrayOf(3)
            let renamed = histories.Select((h, u) => Rename(h, $"u{u}")).ToArray()
            from stream in Gen.Shuffle(renamed.SelectMany(h => h.WithDuplicates))
            from chunk in Gen.Choose(1, 25)
            select new MultiUserStream(renamed, stream, chunk));

        private static EventHistory Rename(EventHistory h, string userId)
        {
            UserEvent[] Map(UserEvent[] events) => [.. events.Select(e => e with { UserId = userId, EventId = $"{userId}-{e.EventId}" })];
            return new EventHistory(Map(h.Events), Map(h.Shuffled), Map(h.WithDuplicates), h.Categories);
        }
    }

    [Property(Arbitrary = [typeof(MultiUserStreams)], MaxTest = 40)]
    public void Interleaved_users_each_get_the_profile_of_their_own_events(MultiUserStream input)
    {
        var store = new InMemoryProfileStore();
        var catalog = new InMemoryItemCatalog();
        var categories = input.Histories[0].Categories;
        catalog.UpsertManyAsync(categories.Select(c => new CatalogItem(c.Key, c.Key, c.Value)).ToList()).GetAwaiter().GetResult();
        store.ConflictsToInject["u1"] = 2;
        var aggregator = new ProfileAggregator(new ProfileLimits { MaxRecentEvents = 4, MaxRecentImpressions = 40, ActiveDaysWindow = 7 });
        var ingestion = new EventIngestion(
            new EventBatchReader(new EventLimits(), new FixedTimeProvider(Now)),
            aggregator, store, catalog, Options.Create(new IngestionOptions { BaseRetryDelay = TimeSpan.Zero }), TimeProvider.System, new Longview.Core.Privacy.UserIdHash(salt: null), NullLogger<EventIngestion>.Instance);

        var accepted = 0;
        foreach (var chunk in input.Stream.Chunk(input.ChunkSize))
        {
            var report = ingestion.IngestAsync(chunk).GetAwaiter().GetResult();
            Assert.Empty(report.Rejected);
            accepted += report.Accepted;
        }

        Assert.Equal(input.Histories.Sum(h => h.Events.Length), accepted);
        foreach (var history in input.Histories.Where(h => h.Events.Length > 0))
        {
            var userId = history.Events[0].UserId;
            var expected = ProfileAggregator.NewProfile(userId);
            foreach (var e in history.Events)
            {
                aggregator.Apply(expected, e, e.ItemId is { } item && categories.TryGetValue(item, out var c) ? c : []);
            }

            Assert.Null(ProfileEquivalence.Difference(expected, store.GetAsync(userId).GetAwaiter().GetResult()!.Profile));
        }
    }
}
