using System.Runtime.CompilerServices;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Serving.Catalog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Ranking;

public sealed class CatalogSnapshotCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static CatalogItem Item(string id, params string[] categories) => new(id, id.ToUpperInvariant(), categories, Now.AddDays(-int.Parse(id[1..])));

    [Fact]
    public async Task Invalidation_makes_new_items_visible_and_the_snapshot_answers_lookups()
    {
        var catalog = new MemoryCatalog([Item("i1", "jazz"), Item("i2", "news")]);
        var cache = new CatalogSnapshotCache(catalog, new FixedTime(Now), Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance);

        var first = await cache.GetAsync(default);
        await catalog.UpsertManyAsync([Item("i3", "Jazz")]);
        Assert.Same(first, await cache.GetAsync(default));
        await cache.InvalidateAsync(default);
        var second = await cache.GetAsync(default);

        Assert.Equal(2, first.Count);
        Assert.Equal(3, second.Count);
        Assert.True(second.IsIn("i3", "jazz")); // categories match case-insensitively
        Assert.False(second.IsIn("i2", "jazz"));
        Assert.Equal(["i1", "i2", "i3"], second.NewestFirst.Select(i => i.ItemId));
        Assert.Equal("I1", second.DisplayName("i1"));
        Assert.Equal("unknown", second.DisplayName("unknown"));
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_previous_snapshot()
    {
        var catalog = new FlakyCatalog([Item("i1", "jazz")]);
        var cache = new CatalogSnapshotCache(catalog, new FixedTime(Now), Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance);
        var first = await cache.GetAsync(default);
        catalog.Broken = true;

        await cache.InvalidateAsync(default);

        Assert.Same(first, await cache.GetAsync(default));
    }

    [Fact]
    public async Task The_snapshot_is_bounded()
    {
        var catalog = new MemoryCatalog(Enumerable.Range(1, 10).Select(i => Item($"i{i}")));
        var cache = new CatalogSnapshotCache(catalog, new FixedTime(Now), Options.Create(new CatalogSnapshotOptions { MaxItems = 4 }), NullLogger<CatalogSnapshotCache>.Instance);

        Assert.Equal(4, (await cache.GetAsync(default)).Count);
    }

    private sealed class FlakyCatalog(IEnumerable<CatalogItem> items) : IItemCatalog
    {
        private readonly MemoryCatalog _inner = new(items);

        public bool Broken { get; set; }

        public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) => _inner.UpsertManyAsync(items, cancellationToken);

        public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => _inner.GetManyAsync(itemIds, cancellationToken);

        public async IAsyncEnumerable<CatalogItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var item in _inner.ScanAsync(cancellationToken))
            {
                if (Broken)
                {
                    throw new IOException("store unavailable");
                }
                yield return item;
            }
        }

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => _inner.CountAsync(cancellationToken);
    }
}
