using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Popularity;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>The whole serving path over the real provider: every response is exactly what its model version gives.</summary>
public sealed class ServingHotSwapTests(TinyModels models) : IClassFixture<TinyModels>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [TorchFact]
    public async Task Responses_during_hot_swaps_never_fail_and_each_matches_its_version()
    {
        var store = new InMemoryBlobStore();
        await models.UploadAsync(store, "v1");
        await models.UploadAsync(store, "v2");
        var request = new RecommendationRequest(10, Explain: true, RecommendationId: "fixed");
        var expected = new Dictionary<string, string[]>();
        foreach (var version in new[] { "v1", "v2" })
        {
            await TinyModels.PromoteAsync(store, version);
            using var alone = Provider(store);
            await alone.RefreshAsync(default);
            var answer = await Service(alone).RecommendAsync("u1", request);
            expected[version] = answer.Items.Select(i => i.ItemId).ToArray();
        }
        Assert.NotEqual(expected["v1"], expected["v2"]);

        await TinyModels.PromoteAsync(store, "v1");
        using var provider = Provider(store);
        await provider.RefreshAsync(default);
        var service = Service(provider);
        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<string, int>();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var served = 0;
            while (!stop.IsCancellationRequested || served < 30)
            {
                var answer = await service.RecommendAsync("u1", request);
                Assert.Equal(expected[answer.ModelVersion], answer.Items.Select(i => i.ItemId));
                seen.AddOrUpdate(answer.ModelVersion, 1, (_, n) => n + 1);
                served++;
            }
        })).ToArray();

        for (var swap = 0; swap < 8; swap++)
        {
            await TinyModels.PromoteAsync(store, swap % 2 == 0 ? "v2" : "v1");
            Assert.Equal(ModelRefreshOutcome.Loaded, await provider.RefreshAsync(default));
            await Task.Delay(5);
        }
        stop.Cancel();
        await Task.WhenAll(clients);

        Assert.True(seen.ContainsKey("v1") && seen.ContainsKey("v2"), $"versions seen: {string.Join(", ", seen.Keys)}");
    }

    private static OnnxModelProvider Provider(IBlobStore store) =>
        new(store, TimeProvider.System, Options.Create(new OnnxModelOptions()), NullLogger<OnnxModelProvider>.Instance);

    private static RecommendationService Service(OnnxModelProvider provider)
    {
        var items = Enumerable.Range(1, 40).Select(i => new CatalogItem($"item-{i}", $"Item {i}", [$"c{i % 5}"])).ToList();
        var profile = ProfileAggregator.NewProfile("u1");
        var aggregator = new ProfileAggregator(new ProfileLimits());
        for (var i = 0; i < 8; i++)
        {
            aggregator.Apply(profile, new UserEvent($"e{i}", "u1", items[i * 3].ItemId, EventType.View, Now.AddHours(i - 10)), items[i * 3].Categories);
        }
        var time = new FixedClock(Now);
        return new RecommendationService(
            new OneProfile(profile),
            provider,
            new CatalogSnapshotCache(new FixedCatalog(items), time, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance),
            new FixedPopularitySource(new PopularityTable(items.Select((item, i) => KeyValuePair.Create(item.ItemId, 40.0 - i)))),
            time,
            Options.Create(new RecommendationOptions()),
            NullLogger<RecommendationService>.Instance);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class OneProfile(UserProfile profile) : IProfileStore
    {
        public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult(userId == profile.UserId ? new StoredProfile(profile, "1") : null);

        public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());

        public IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class FixedCatalog(IReadOnlyList<CatalogItem> items) : IItemCatalog
    {
        public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<CatalogItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var item in items)
            {
                yield return item;
            }
        }

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)items.Count);
    }
}
