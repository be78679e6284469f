using System.Runtime.CompilerServices;
using Longview.Core.Erasure;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Serving;
using Longview.Core.Serving.Impressions;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Activity;

/// <summary>
/// Issue 13, item 4: nothing computed before an erasure may bring the profile back: impressions of a list served just
/// before the DELETE, late or replayed events, or an ingestion that read the store before the erasure and writes after.
/// </summary>
public sealed class ErasureCannotBeUndoneTests
{
    private static readonly DateTimeOffset ServedAt = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryProfileStore _store = new();
    private readonly UserIdHash _hash = new("salt");
    private readonly FixedTimeProvider _clock = new(ServedAt);

    private EventIngestion Ingestion() => new(
        new EventBatchReader(new EventLimits(), _clock),
        new ProfileAggregator(new ProfileLimits()),
        _store,
        new InMemoryItemCatalog(),
        Options.Create(new IngestionOptions { BaseRetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero }),
        TimeProvider.System,
        _hash,
        NullLogger<EventIngestion>.Instance);

    private UserErasure Erasure() => new(_store, new NoDeadLetters(), new NoErasureLog(), _hash, _clock, NullLogger<UserErasure>.Instance);

    private static UserEvent View(string id, string user, DateTimeOffset at) => new(id, user, "i1", EventType.View, at);

    private static Recommendation List(string user) =>
        new(user, "rec-1", "fallback", "new", [new RecommendedItem("i7", 1), new RecommendedItem("i8", 0.5)]);

    [Fact]
    public async Task Impressions_of_a_list_served_before_the_erasure_do_not_bring_the_profile_back()
    {
        Assert.Equal(1, (await Ingestion().IngestAsync([View("v1", "alice", ServedAt.AddDays(-1))])).Accepted);
        // Serve: the list and the profile version it was computed from go into the impression queue.
        var served = new ServedRecommendation(List("alice"), await _store.GetAsync("alice"));

        _clock.Now = ServedAt.AddMilliseconds(5);
        Assert.True((await Erasure().EraseAsync("alice")).ProfileDeleted);

        // Flush the queue, as ImpressionWriter does: onto the served profile, whose ETag guards the write.
        _clock.Now = ServedAt.AddMilliseconds(10);
        var report = await Ingestion().IngestAsync(ImpressionEvents.For(served.Recommendation, ServedAt),
            new Dictionary<string, StoredProfile> { ["alice"] = served.Profile! }, WriteDurability.BestEffort);

        Assert.Null(await _store.GetAsync("alice"));
        Assert.Equal(0, report.Accepted);
        Assert.Equal(2, report.Erased);
        Assert.Empty(report.Rejected); // a rejection would be dead-lettered with the raw event: kept nowhere instead
    }

    [Fact]
    public async Task Impressions_of_a_cold_start_list_served_before_the_erasure_create_nothing()
    {
        var list = List("bob"); // bob had no profile: a cold-start list
        _clock.Now = ServedAt.AddMilliseconds(5);
        await Erasure().EraseAsync("bob");

        await Ingestion().IngestAsync(ImpressionEvents.For(list, ServedAt));

        Assert.Null(await _store.GetAsync("bob"));
    }

    [Fact]
    public async Task An_event_after_the_erasure_starts_a_fresh_profile_that_never_takes_older_events()
    {
        await Ingestion().IngestAsync([View("old1", "carol", ServedAt.AddDays(-3))]);
        _clock.Now = ServedAt;
        await Erasure().EraseAsync("carol");

        _clock.Now = ServedAt.AddHours(1);
        Assert.Equal(1, (await Ingestion().IngestAsync([View("new1", "carol", ServedAt.AddMinutes(30))])).Accepted);
        // A producer replays the old event, and a late one from before the erasure arrives.
        var late = await Ingestion().IngestAsync([View("old1", "carol", ServedAt.AddDays(-3)), View("old2", "carol", ServedAt.AddSeconds(-1)), View("new2", "carol", ServedAt.AddMinutes(40))]);

        Assert.Equal(1, late.Accepted);
        Assert.Equal(2, late.Erased);
        Assert.Empty(late.Rejected);
        var profile = (await _store.GetAsync("carol"))!.Profile;
        Assert.Equal(ServedAt, profile.ErasedAt);
        Assert.Equal(ServedAt.AddMinutes(30), profile.FirstSeen);
        Assert.Equal(2, profile.Counts.Total);
    }

    [Fact]
    public async Task An_erasure_between_an_ingestion_s_read_and_its_write_wins()
    {
        // The ingestion reads: no profile, no erasure record. Then the erasure runs to completion. Then the write.
        _store.BeforeNextWrite = async () =>
        {
            _clock.Now = ServedAt.AddMilliseconds(5);
            Assert.False((await Erasure().EraseAsync("dave")).ProfileDeleted);
        };

        var report = await Ingestion().IngestAsync(ImpressionEvents.For(List("dave"), ServedAt).Append(View("v1", "dave", ServedAt)).ToList());

        Assert.Null(await _store.GetAsync("dave"));
        Assert.Equal(0, report.Accepted);
        Assert.Equal(3, report.Erased);
        Assert.Empty(report.Rejected);
    }

    [Fact]
    public async Task An_erasure_between_read_and_write_keeps_what_came_after_it()
    {
        _store.BeforeNextWrite = async () =>
        {
            _clock.Now = ServedAt.AddMilliseconds(5);
            await Erasure().EraseAsync("erin");
        };

        var report = await Ingestion().IngestAsync([View("before", "erin", ServedAt), View("after", "erin", ServedAt.AddSeconds(1))]);

        Assert.Equal(1, report.Accepted);
        var profile = (await _store.GetAsync("erin"))!.Profile;
        Assert.Equal(ServedAt.AddSeconds(1), profile.FirstSeen);
        Assert.Equal(1, profile.Counts.Total);
    }

    [Fact]
    public async Task A_list_computed_from_a_profile_read_before_the_erasure_is_discarded_even_when_logged_after_it()
    {
        var world = new Longview.Core.Tests.Ranking.ServingWorld(seed: 3);
        _clock.Now = ServedAt;
        Assert.Equal(1, (await Ingestion().IngestAsync([View("v1", "gina", ServedAt.AddDays(-1))])).Accepted);
        var service = new RecommendationService(_store, new Longview.Core.Tests.Ranking.NoModel(),
            new Longview.Core.Serving.Catalog.CatalogSnapshotCache(new Longview.Core.Tests.Ranking.MemoryCatalog(world.Items), _clock,
                Options.Create(new Longview.Core.Serving.Catalog.CatalogSnapshotOptions()), NullLogger<Longview.Core.Serving.Catalog.CatalogSnapshotCache>.Instance),
            new Longview.Core.Serving.Popularity.FixedPopularitySource(world.Popularity), _clock, Options.Create(world.Options), NullLogger<RecommendationService>.Instance);

        var served = await service.ServeAsync("gina", new RecommendationRequest(3));
        Assert.Equal(ServedAt, served.ServedAt);
        Assert.NotEmpty(served.Recommendation.Items);
        _clock.Now = ServedAt.AddMilliseconds(5);
        await Erasure().EraseAsync("gina");

        // The host logs the list after the erasure; the impressions still carry the time taken before the profile read.
        _clock.Now = ServedAt.AddMilliseconds(10);
        await Ingestion().IngestAsync(ImpressionEvents.For(served.Recommendation, served.ServedAt ?? _clock.Now),
            new Dictionary<string, StoredProfile> { ["gina"] = served.Profile! }, WriteDurability.BestEffort);

        Assert.Null(await _store.GetAsync("gina"));
    }

    [Fact]
    public async Task The_erasure_record_is_kept_by_hash_before_the_profile_goes()
    {
        await Ingestion().IngestAsync([View("v1", "frank", ServedAt.AddDays(-1))]);
        _clock.Now = ServedAt;

        await Erasure().EraseAsync("frank");

        Assert.Equal(ServedAt, _store.Erasures[_hash.Of("frank")]);
        Assert.DoesNotContain("frank", _store.Erasures.Keys);
    }

    private sealed class NoDeadLetters : IDeadLetterEraser
    {
        public Task<int> EraseAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }

    private sealed class NoErasureLog : IErasureLog
    {
        public Task RecordAsync(ErasureRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async IAsyncEnumerable<ErasureRecord> ListAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
