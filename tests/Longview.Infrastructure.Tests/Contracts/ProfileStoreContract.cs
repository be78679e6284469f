using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Infrastructure.Tests.Contracts;

/// <summary>
/// The behaviour every <see cref="IProfileStore"/> must have (SQLite, Cosmos). A subclass supplies the store;
/// xunit creates one instance per test, so each test gets its own store and its own id prefix.
/// </summary>
public abstract class ProfileStoreContract : IAsyncLifetime
{
    private IProfileStore? _modelStore;
    private int _modelRuns;

    /// <summary>Unique per test: ids carry it so tests stay independent even on shared storage.</summary>
    protected string RunId { get; } = Guid.NewGuid().ToString("N")[..10];

    /// <summary>The page size the subclass must configure its store with, so scans cross page boundaries.</summary>
    protected virtual int ScanPageSize => 16;

    /// <summary>A store over storage holding no profile with this test's <see cref="RunId"/>.</summary>
    protected abstract Task<IProfileStore> CreateStoreAsync();

    /// <summary>Closes <paramref name="store"/> and opens a new instance over the same storage.</summary>
    protected abstract Task<IProfileStore> ReopenStoreAsync(IProfileStore store);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task Written_profile_reads_back_equal_with_the_etag_the_write_returned()
    {
        var store = await CreateStoreAsync();
        var profile = Profile(User(1), "a", "b", "c");

        var result = await WriteOne(store, profile, null);

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(profile.UserId, result.UserId);
        Assert.False(string.IsNullOrEmpty(result.NewETag));
        var stored = await store.GetAsync(profile.UserId);
        Assert.NotNull(stored);
        Assert.Equal(result.NewETag, stored.ETag);
        Assert.Equal(Json(profile), Json(stored.Profile));
    }

    [ContractFact]
    public async Task Unknown_user_reads_as_null()
    {
        var store = await CreateStoreAsync();
        await WriteOne(store, Profile(User(1), "a"), null);

        Assert.Null(await store.GetAsync(User(2)));
    }

    [ContractFact]
    public async Task GetMany_returns_exactly_the_existing_users_across_many_ids()
    {
        var store = await CreateStoreAsync();
        var existing = Enumerable.Range(0, 700).Select(i => Profile(User(i), $"item-{i}")).ToList();
        foreach (var chunk in existing.Chunk(100))
        {
            var results = await store.WriteManyAsync(chunk.Select(p => new ProfileWrite(p, null)).ToList());
            Assert.All(results, r => Assert.Equal(WriteStatus.Written, r.Status));
        }
        var requested = Enumerable.Range(0, 1_500).Select(User).Append(User(3)).ToList();

        var found = await store.GetManyAsync(requested);

        Assert.Equal(existing.Select(p => p.UserId).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        foreach (var profile in existing)
        {
            Assert.Equal(Json(profile), Json(found[profile.UserId].Profile));
            Assert.Equal((await store.GetAsync(profile.UserId))!.ETag, found[profile.UserId].ETag);
        }
    }

    [ContractFact]
    public async Task Update_with_the_current_etag_replaces_the_profile_and_changes_the_etag()
    {
        var store = await CreateStoreAsync();
        var created = await WriteOne(store, Profile(User(1), "a"), null);
        var changed = Profile(User(1), "a", "b");

        var updated = await WriteOne(store, changed, created.NewETag);

        Assert.Equal(WriteStatus.Written, updated.Status);
        Assert.NotEqual(created.NewETag, updated.NewETag);
        var stored = await store.GetAsync(User(1));
        Assert.Equal(Json(changed), Json(stored!.Profile));
        Assert.Equal(updated.NewETag, stored.ETag);
    }

    [ContractFact]
    public async Task Update_with_a_stale_etag_conflicts_and_leaves_the_stored_profile_unchanged()
    {
        var store = await CreateStoreAsync();
        var first = await WriteOne(store, Profile(User(1), "a"), null);
        var winner = Profile(User(1), "a", "winner");
        var second = await WriteOne(store, winner, first.NewETag);

        var stale = await WriteOne(store, Profile(User(1), "a", "loser"), first.NewETag);

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Equal(User(1), stale.UserId);
        Assert.Null(stale.NewETag);
        var stored = await store.GetAsync(User(1));
        Assert.Equal(Json(winner), Json(stored!.Profile));
        Assert.Equal(second.NewETag, stored.ETag);
    }

    [ContractFact]
    public async Task Best_effort_writes_create_update_and_conflict_as_durable_ones_and_survive_reopening()
    {
        var store = await CreateStoreAsync();
        var created = Assert.Single(await store.WriteManyAsync([new ProfileWrite(Profile(User(1), "a"), null)], WriteDurability.BestEffort));
        var again = Assert.Single(await store.WriteManyAsync([new ProfileWrite(Profile(User(1), "intruder"), null)], WriteDurability.BestEffort));
        var winner = Profile(User(1), "a", "winner");
        var updated = Assert.Single(await store.WriteManyAsync([new ProfileWrite(winner, created.NewETag)], WriteDurability.BestEffort));
        var stale = Assert.Single(await store.WriteManyAsync([new ProfileWrite(Profile(User(1), "loser"), created.NewETag)], WriteDurability.BestEffort));

        Assert.Equal([WriteStatus.Written, WriteStatus.Conflict, WriteStatus.Written, WriteStatus.Conflict], new[] { created, again, updated, stale }.Select(r => r.Status));
        // A durable write after best-effort ones is guarded by their ETags like any other.
        Assert.Equal(WriteStatus.Conflict, (await WriteOne(store, Profile(User(1), "x"), created.NewETag)).Status);
        var reopened = await ReopenStoreAsync(store);
        var stored = await reopened.GetAsync(User(1));
        Assert.Equal(Json(winner), Json(stored!.Profile));
        Assert.Equal(updated.NewETag, stored.ETag);
    }

    [ContractFact]
    public async Task Create_when_the_profile_exists_conflicts_and_leaves_it_unchanged()
    {
        var store = await CreateStoreAsync();
        var original = Profile(User(1), "original");
        var created = await WriteOne(store, original, null);

        var again = await WriteOne(store, Profile(User(1), "intruder"), null);

        Assert.Equal(WriteStatus.Conflict, again.Status);
        var stored = await store.GetAsync(User(1));
        Assert.Equal(Json(original), Json(stored!.Profile));
        Assert.Equal(created.NewETag, stored.ETag);
    }

    [ContractFact]
    public async Task Update_of_a_missing_profile_conflicts_and_creates_nothing()
    {
        var store = await CreateStoreAsync();
        var other = await WriteOne(store, Profile(User(2), "x"), null);

        var result = await WriteOne(store, Profile(User(1), "a"), other.NewETag);

        Assert.Equal(WriteStatus.Conflict, result.Status);
        Assert.Null(await store.GetAsync(User(1)));
    }

    [ContractFact]
    public async Task An_etag_the_store_never_issued_conflicts()
    {
        var store = await CreateStoreAsync();
        await WriteOne(store, Profile(User(1), "a"), null);

        var result = await WriteOne(store, Profile(User(1), "b"), "\"not-an-etag-of-this-store\"");

        Assert.Equal(WriteStatus.Conflict, result.Status);
        Assert.Equal(Json(Profile(User(1), "a")), Json((await store.GetAsync(User(1)))!.Profile));
    }

    [ContractFact]
    public async Task A_conflict_in_one_write_does_not_block_the_others_of_the_same_call()
    {
        var store = await CreateStoreAsync();
        var staleSource = await WriteOne(store, Profile(User(2), "b0"), null);
        await WriteOne(store, Profile(User(2), "b1"), staleSource.NewETag);
        await WriteOne(store, Profile(User(4), "d0"), null);
        var current = await WriteOne(store, Profile(User(5), "e0"), null);

        var results = await store.WriteManyAsync(
        [
            new ProfileWrite(Profile(User(1), "a-new"), null),
            new ProfileWrite(Profile(User(2), "b-stale"), staleSource.NewETag),
            new ProfileWrite(Profile(User(3), "c-new"), null),
            new ProfileWrite(Profile(User(4), "d-duplicate"), null),
            new ProfileWrite(Profile(User(5), "e1"), current.NewETag),
        ]);

        Assert.Equal([User(1), User(2), User(3), User(4), User(5)], results.Select(r => r.UserId));
        Assert.Equal(
            [WriteStatus.Written, WriteStatus.Conflict, WriteStatus.Written, WriteStatus.Conflict, WriteStatus.Written],
            results.Select(r => r.Status));
        Assert.Equal(["a-new"], await RecentItems(store, User(1)));
        Assert.Equal(["b1"], await RecentItems(store, User(2)));
        Assert.Equal(["c-new"], await RecentItems(store, User(3)));
        Assert.Equal(["d0"], await RecentItems(store, User(4)));
        Assert.Equal(["e1"], await RecentItems(store, User(5)));
        Assert.Equal(results[4].NewETag, (await store.GetAsync(User(5)))!.ETag);
    }

    [ContractFact]
    public async Task Concurrent_read_modify_write_with_retry_loses_no_update()
    {
        const int writers = 12;
        const int appendsPerWriter = 8;
        var store = await CreateStoreAsync();
        var userId = User(1);

        // Every writer starts before the profile exists, so create-if-absent races are covered too.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < appendsPerWriter; n++)
            {
                await AppendWithRetry(store, userId, $"w{w}-n{n}");
            }
        })));

        var items = await RecentItems(store, userId);
        var expected = Enumerable.Range(0, writers)
            .SelectMany(w => Enumerable.Range(0, appendsPerWriter).Select(n => $"w{w}-n{n}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), items.Order(StringComparer.Ordinal));
        // Each writer's own appends keep their order: its next append only starts after the last one landed.
        for (var w = 0; w < writers; w++)
        {
            var prefix = $"w{w}-";
            Assert.Equal(
                Enumerable.Range(0, appendsPerWriter).Select(n => $"w{w}-n{n}"),
                items.Where(i => i.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [ContractFact]
    public async Task A_large_profile_with_long_ids_round_trips()
    {
        var store = await CreateStoreAsync();
        var userId = User(1) + new string('u', 180);
        var start = new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.FromHours(2));
        var profile = new UserProfile
        {
            UserId = userId,
            FirstSeen = start,
            LastSeen = start.AddHours(600),
            Recent = Enumerable.Range(0, 600)
                .Select(i => new RecentEvent(
                    $"item-{i:D4}-" + new string((char)('a' + (i % 26)), 200),
                    start.AddHours(i).AddTicks(i * 7),
                    (EventType)(i % 9),
                    i % 3 == 0 ? null : i * 0.25 + 0.1))
                .ToList(),
        };

        var written = await WriteOne(store, profile, null);
        var stored = await store.GetAsync(userId);

        Assert.Equal(WriteStatus.Written, written.Status);
        Assert.True(Json(profile).Length > 100_000, "the profile under test should be large");
        Assert.Equal(Json(profile), Json(stored!.Profile));
        Assert.Equal(600, stored.Profile.Recent.Count);
        Assert.Equal(profile.Recent[599], stored.Profile.Recent[599]);
    }

    /// <summary>
    /// The 64-bit hashes a profile keeps (recent events' and impressions' <c>eventKey</c>, the dedup record) come back
    /// exactly: an impression's key is its only dedup record, so a key rounded on the way (a JSON number above 2^53 read
    /// as a double) would count a redelivered impression again. Keys above 2^53 and above 2^63 are among these.
    /// </summary>
    [ContractFact]
    public async Task Event_hashes_above_2_to_the_53_round_trip_exactly_and_still_deduplicate()
    {
        var store = await CreateStoreAsync();
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile(User(1));
        var start = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var events = Enumerable.Range(0, 40).Select(i => new UserEvent($"{RunId}-e{i}", profile.UserId, $"i{i % 7}",
            i % 2 == 0 ? EventType.Impression : EventType.View, start.AddMinutes(i))).ToList();
        foreach (var e in events)
        {
            aggregator.Apply(profile, e, []);
        }
        var keys = profile.Recent.Select(r => r.EventKey).Concat(profile.Impressions.Select(i => i.EventKey)).ToList();
        Assert.Contains(keys, k => k > (1UL << 53) && k < (1UL << 63));
        Assert.Contains(keys, k => k >= 1UL << 63);

        await WriteOne(store, profile, null);
        var stored = await store.GetAsync(profile.UserId);

        Assert.Equal(Json(profile), Json(stored!.Profile));
        Assert.Equal(keys, stored.Profile.Recent.Select(r => r.EventKey).Concat(stored.Profile.Impressions.Select(i => i.EventKey)));
        Assert.All(events, e => Assert.Equal(EventOutcome.Duplicate, aggregator.Apply(stored.Profile, e, [])));
    }

    [ContractFact]
    public async Task Delete_removes_the_profile_and_reports_whether_there_was_one()
    {
        var store = await CreateStoreAsync();
        var created = await WriteOne(store, Profile(User(1), "a"), null);
        await WriteOne(store, Profile(User(2), "b"), null);

        Assert.True(await store.DeleteAsync(User(1)));
        Assert.False(await store.DeleteAsync(User(1)));
        Assert.False(await store.DeleteAsync(User(3)));
        Assert.Null(await store.GetAsync(User(1)));
        Assert.Equal(["b"], await RecentItems(store, User(2)));

        // A profile created again starts over; the ETag from before the delete must not match it.
        var recreated = await WriteOne(store, Profile(User(1), "again"), null);
        Assert.Equal(WriteStatus.Written, recreated.Status);
        var stale = await WriteOne(store, Profile(User(1), "stale"), created.NewETag);
        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Equal(["again"], await RecentItems(store, User(1)));
    }

    [ContractFact]
    public async Task Scan_returns_every_profile_exactly_once_across_page_boundaries()
    {
        var store = await CreateStoreAsync();
        var count = ScanPageSize * 5 + 3;
        var writes = Enumerable.Range(0, count).Select(i => new ProfileWrite(Profile(User(i), $"item-{i}"), null)).ToList();
        Assert.All(await store.WriteManyAsync(writes), r => Assert.Equal(WriteStatus.Written, r.Status));

        var seen = new List<UserProfile>();
        await foreach (var profile in store.ScanAsync())
        {
            if (profile.UserId.StartsWith(RunId, StringComparison.Ordinal))
            {
                seen.Add(profile);
            }
        }

        Assert.Equal(
            writes.Select(w => w.Profile.UserId).Order(StringComparer.Ordinal),
            seen.Select(p => p.UserId).Order(StringComparer.Ordinal));
        Assert.All(seen, p => Assert.Equal(["item-" + p.UserId[(RunId.Length + "-user-".Length)..]], p.Recent.Select(r => r.ItemId)));
    }

    [ContractFact]
    public async Task Paged_scan_covers_every_profile_exactly_once_in_pages_no_larger_than_asked()
    {
        var store = await CreateStoreAsync();
        var count = 7 * 5 + 3;
        var writes = Enumerable.Range(0, count).Select(i => new ProfileWrite(Profile(User(i), $"item-{i}"), null)).ToList();
        Assert.All(await store.WriteManyAsync(writes), r => Assert.Equal(WriteStatus.Written, r.Status));

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await store.ScanPageAsync(continuation, 7);
            Assert.InRange(page.Profiles.Count, 0, 7);
            Assert.True(page.Profiles.Count > 0 || page.Continuation is null, "only the last page may be empty");
            seen.AddRange(page.Profiles.Select(p => p.UserId).Where(id => id.StartsWith(RunId, StringComparison.Ordinal)));
            continuation = page.Continuation;
            Assert.True(++pages < 10_000, "the paged scan does not end");
        }
        while (continuation is not null);

        Assert.Equal(writes.Select(w => w.Profile.UserId).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= count / 7, $"{pages} pages for {count} profiles of at most 7");
    }

    [ContractFact]
    public async Task Scan_of_a_store_without_profiles_yields_none_of_this_tests()
    {
        var store = await CreateStoreAsync();
        await foreach (var profile in store.ScanAsync())
        {
            Assert.False(profile.UserId.StartsWith(RunId, StringComparison.Ordinal), $"unexpected profile {profile.UserId}");
        }
    }

    [ContractFact]
    public async Task An_empty_write_call_returns_no_results()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.WriteManyAsync([]));
    }

    [ContractFact]
    public async Task Data_survives_closing_and_reopening_the_store()
    {
        var store = await CreateStoreAsync();
        var first = Profile(User(1), "a", "b");
        var written = await WriteOne(store, first, null);
        await WriteOne(store, Profile(User(2), "c"), null);
        await store.DeleteAsync(User(2));

        var reopened = await ReopenStoreAsync(store);

        var stored = await reopened.GetAsync(User(1));
        Assert.Equal(Json(first), Json(stored!.Profile));
        Assert.Equal(written.NewETag, stored.ETag);
        Assert.Null(await reopened.GetAsync(User(2)));
        // The ETag handed out before the restart still guards the next write.
        Assert.Equal(WriteStatus.Written, (await WriteOne(reopened, Profile(User(1), "a", "b", "c"), written.NewETag)).Status);
        Assert.Equal(WriteStatus.Conflict, (await WriteOne(reopened, Profile(User(1), "x"), written.NewETag)).Status);
    }

    [ContractFact]
    public async Task Erasure_records_read_back_by_hash_with_the_latest_time_and_survive_reopening()
    {
        var store = await CreateStoreAsync();
        var t0 = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        string h1 = $"{RunId}a1", h2 = $"{RunId}b2", never = $"{RunId}c3";

        Assert.Empty(await store.GetErasuresAsync([h1, h2]));
        Assert.Empty(await store.GetErasuresAsync([]));
        await store.RecordErasureAsync(new Longview.Core.Erasure.ErasureRecord(h1, t0));
        await store.RecordErasureAsync(new Longview.Core.Erasure.ErasureRecord(h1, t0.AddDays(-1))); // an older time never wins
        await store.RecordErasureAsync(new Longview.Core.Erasure.ErasureRecord(h2, t0.AddHours(2).ToOffset(TimeSpan.FromHours(5))));
        await store.RecordErasureAsync(new Longview.Core.Erasure.ErasureRecord(h2, t0.AddHours(3)));

        var reopened = await ReopenStoreAsync(store);
        var found = await reopened.GetErasuresAsync([h1, h2, never, h1]);

        Assert.Equal(2, found.Count);
        Assert.Equal(t0, found[h1]);
        Assert.Equal(t0.AddHours(3), found[h2]);
        Assert.Equal(TimeSpan.Zero, found[h1].Offset);
        // Erasure records are not profiles.
        await foreach (var profile in reopened.ScanAsync())
        {
            Assert.DoesNotContain(RunId, profile.UserId, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Issue 13 item 4, deterministically and on this store: a list is served from a profile, the user is erased, then
    /// the impression queue is flushed onto the served profile (ETag and all) → no profile; the user's next event
    /// afterwards starts a fresh one.
    /// </summary>
    [ContractFact]
    public async Task Impressions_flushed_after_an_erasure_do_not_bring_the_profile_back()
    {
        var store = await CreateStoreAsync();
        var servedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var clock = new SettableClock(servedAt);
        var hash = new Longview.Core.Privacy.UserIdHash("contract");
        var ingestion = new Longview.Core.Ingestion.EventIngestion(
            new EventBatchReader(new EventLimits(), clock), new ProfileAggregator(new ProfileLimits()), store, new NoItems(),
            Microsoft.Extensions.Options.Options.Create(new Longview.Core.Ingestion.IngestionOptions { BaseRetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero }),
            TimeProvider.System, hash, Microsoft.Extensions.Logging.Abstractions.NullLogger<Longview.Core.Ingestion.EventIngestion>.Instance);
        var erasure = new Longview.Core.Erasure.UserErasure(store, new NoDeadLetters(), new NoErasureLog(), hash, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Longview.Core.Erasure.UserErasure>.Instance);
        var known = User(1);
        var unknown = User(2);
        await ingestion.IngestAsync([new UserEvent("v1", known, "i1", EventType.View, servedAt.AddHours(-1))]);
        var served = await store.GetAsync(known);
        Assert.NotNull(served);
        var impressions = new[] { known, unknown }
            .SelectMany(user => Longview.Core.Serving.Impressions.ImpressionEvents.For(
                new Longview.Core.Serving.Recommendation(user, "rec-" + user, "fallback", "new", [new Longview.Core.Serving.RecommendedItem("i7", 1)]), servedAt))
            .ToList();

        clock.Now = servedAt.AddMilliseconds(3);
        await erasure.EraseAsync(known);
        await erasure.EraseAsync(unknown);
        clock.Now = servedAt.AddSeconds(1);
        var report = await ingestion.IngestAsync(impressions, new Dictionary<string, StoredProfile> { [known] = served }, WriteDurability.BestEffort);

        Assert.Equal(0, report.Accepted);
        Assert.Equal(2, report.Erased);
        Assert.Empty(report.Rejected);
        Assert.Null(await store.GetAsync(known));
        Assert.Null(await store.GetAsync(unknown));

        Assert.Equal(1, (await ingestion.IngestAsync([new UserEvent("v2", known, "i1", EventType.View, servedAt.AddSeconds(1))])).Accepted);
        var fresh = (await store.GetAsync(known))!.Profile;
        Assert.Equal(servedAt.AddMilliseconds(3), fresh.ErasedAt);
        Assert.Equal(1, fresh.Counts.Total);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class NoItems : IItemCatalog
    {
        public Task UpsertManyAsync(IReadOnlyList<Longview.Core.Items.CatalogItem> items, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyDictionary<string, Longview.Core.Items.CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, Longview.Core.Items.CatalogItem>>(new Dictionary<string, Longview.Core.Items.CatalogItem>());

        public IAsyncEnumerable<Longview.Core.Items.CatalogItem> ScanAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Longview.Core.Items.CatalogItem>();

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);
    }

    private sealed class NoDeadLetters : Longview.Core.Erasure.IDeadLetterEraser
    {
        public Task<int> EraseAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }

    private sealed class NoErasureLog : Longview.Core.Erasure.IErasureLog
    {
        public Task RecordAsync(Longview.Core.Erasure.ErasureRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public IAsyncEnumerable<Longview.Core.Erasure.ErasureRecord> ListAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<Longview.Core.Erasure.ErasureRecord>();
    }

    /// <summary>
    /// Any sequence of creates, updates with the current or an older ETag, and deletes gives the results and the
    /// stored state that the optimistic-concurrency rules predict (checked against an in-memory model).
    /// Each byte is one operation: kind = b % 4, user = (b / 4) % 3.
    /// </summary>
    [ContractFact]
    public void Any_sequence_of_conditional_writes_matches_the_concurrency_model() =>
        // Run through FsCheck's API rather than [Property] so that emulator-backed subclasses skip like every other contract test.
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(40), FsCheck.Fluent.Prop.ForAll<byte[]>(MatchesConcurrencyModel));

    private bool MatchesConcurrencyModel(byte[] operations)
    {
        var store = _modelStore ??= CreateStoreAsync().GetAwaiter().GetResult();
        var run = Interlocked.Increment(ref _modelRuns);
        var model = new Dictionary<int, (string Item, string ETag)>();
        var issued = new Dictionary<int, List<string>>();
        var step = 0;
        foreach (var b in operations)
        {
            var user = (b / 4) % 3;
            var userId = $"{RunId}-model{run}-{user}";
            var item = $"step-{step++}";
            model.TryGetValue(user, out var current);
            var exists = model.ContainsKey(user);
            var older = issued.TryGetValue(user, out var list) ? list.Where(e => !exists || e != current.ETag).ToList() : [];
            switch (b % 4)
            {
                case 0:
                {
                    var result = WriteOne(store, Profile(userId, item), null).GetAwaiter().GetResult();
                    if (result.Status != (exists ? WriteStatus.Conflict : WriteStatus.Written))
                    {
                        return false;
                    }
                    if (!exists)
                    {
                        Record(user, item, result.NewETag!);
                    }
                    break;
                }
                case 1 when exists:
                {
                    var result = WriteOne(store, Profile(userId, item), current.ETag).GetAwaiter().GetResult();
                    if (result.Status != WriteStatus.Written)
                    {
                        return false;
                    }
                    Record(user, item, result.NewETag!);
                    break;
                }
                case 2 when older.Count > 0:
                {
                    var result = WriteOne(store, Profile(userId, item), older[step % older.Count]).GetAwaiter().GetResult();
                    if (result.Status != WriteStatus.Conflict)
                    {
                        return false;
                    }
                    break;
                }
                case 3:
                    if (store.DeleteAsync(userId).GetAwaiter().GetResult() != exists)
                    {
                        return false;
                    }
                    model.Remove(user);
                    break;
            }

            var stored = store.GetAsync(userId).GetAwaiter().GetResult();
            var agrees = model.TryGetValue(user, out var expected)
                ? stored is not null && stored.ETag == expected.ETag && stored.Profile.Recent.Single().ItemId == expected.Item
                : stored is null;
            if (!agrees)
            {
                return false;
            }
        }
        return true;

        void Record(int user, string item, string etag)
        {
            model[user] = (item, etag);
            if (!issued.TryGetValue(user, out var etags))
            {
                issued[user] = etags = [];
            }
            etags.Add(etag);
        }
    }

    protected string User(int n) => $"{RunId}-user-{n}";

    protected static UserProfile Profile(string userId, params string[] recentItems)
    {
        var start = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        return new UserProfile
        {
            UserId = userId,
            FirstSeen = recentItems.Length == 0 ? null : start,
            LastSeen = recentItems.Length == 0 ? null : start.AddMinutes(recentItems.Length - 1),
            Recent = recentItems.Select((item, i) => new RecentEvent(item, start.AddMinutes(i), EventType.Click, i)).ToList(),
        };
    }

    protected static string Json(UserProfile profile) => JsonSerializer.Serialize(profile, LongviewJson.Options);

    protected static async Task<WriteResult> WriteOne(IProfileStore store, UserProfile profile, string? expectedETag)
    {
        var results = await store.WriteManyAsync([new ProfileWrite(profile, expectedETag)]);
        return Assert.Single(results);
    }

    private static async Task<List<string>> RecentItems(IProfileStore store, string userId)
    {
        var stored = await store.GetAsync(userId);
        Assert.NotNull(stored);
        return stored.Profile.Recent.Select(r => r.ItemId).ToList();
    }

    private static async Task AppendWithRetry(IProfileStore store, string userId, string itemId)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var current = await store.GetAsync(userId);
            var profile = current?.Profile ?? new UserProfile { UserId = userId };
            profile.Recent.Add(new RecentEvent(itemId, DateTimeOffset.UnixEpoch.AddSeconds(attempt), EventType.View));
            // Gives other writers a chance to commit between this read and this write: the race under test.
            await Task.Yield();
            var result = await WriteOne(store, profile, current?.ETag);
            if (result.Status == WriteStatus.Written)
            {
                return;
            }
        }
        Assert.Fail($"append of {itemId} made no progress in 10,000 attempts");
    }
}
