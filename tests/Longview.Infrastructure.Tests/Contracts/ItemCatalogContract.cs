using System.Text.Json;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Serialization;

namespace Longview.Infrastructure.Tests.Contracts;

/// <summary>
/// The behaviour every <see cref="IItemCatalog"/> must have (SQLite, Cosmos). xunit creates one instance per
/// test; <see cref="CreateCatalogAsync"/> must return a catalogue over empty storage (counts are asserted).
/// </summary>
public abstract class ItemCatalogContract : IAsyncLifetime
{
    protected string RunId { get; } = Guid.NewGuid().ToString("N")[..10];

    /// <summary>The page size the subclass must configure its catalogue with, so scans cross page boundaries.</summary>
    protected virtual int ScanPageSize => 16;

    /// <summary>A catalogue over empty storage of its own.</summary>
    protected abstract Task<IItemCatalog> CreateCatalogAsync();

    /// <summary>Closes <paramref name="catalog"/> and opens a new instance over the same storage.</summary>
    protected abstract Task<IItemCatalog> ReopenCatalogAsync(IItemCatalog catalog);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task Upserted_items_read_back_equal_and_unknown_ids_are_absent()
    {
        var catalog = await CreateCatalogAsync();
        var items = new[] { Item(1, "drama", "comedy"), Item(2), Item(3, "sci-fi") };
        await catalog.UpsertManyAsync(items);

        var found = await catalog.GetManyAsync([Id(1), Id(3), Id(99), Id(1)]);

        Assert.Equal([Id(1), Id(3)], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Json(items[0]), Json(found[Id(1)]));
        Assert.Equal(Json(items[2]), Json(found[Id(3)]));
        Assert.Empty(await catalog.GetManyAsync([]));
    }

    [ContractFact]
    public async Task Upsert_replaces_an_item_with_the_same_id()
    {
        var catalog = await CreateCatalogAsync();
        await catalog.UpsertManyAsync([Item(1, "old"), Item(2, "kept")]);
        Assert.Equal(["old"], (await catalog.GetManyAsync([Id(1)]))[Id(1)].Categories);
        var replacement = new CatalogItem(Id(1), "Renamed", ["new", "newer"], new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)));

        await catalog.UpsertManyAsync([replacement]);

        var found = await catalog.GetManyAsync([Id(1), Id(2)]);
        Assert.Equal(Json(replacement), Json(found[Id(1)]));
        Assert.Equal(["kept"], found[Id(2)].Categories);
        Assert.Equal(2, await catalog.CountAsync());
    }

    [ContractFact]
    public async Task Count_and_lookups_cover_many_items()
    {
        var catalog = await CreateCatalogAsync();
        var items = Enumerable.Range(0, 1_200).Select(i => Item(i, $"cat-{i % 7}")).ToList();
        await catalog.UpsertManyAsync(items);

        var found = await catalog.GetManyAsync(Enumerable.Range(600, 1_500).Select(Id).ToList());

        Assert.Equal(1_200, await catalog.CountAsync());
        Assert.Equal(Enumerable.Range(600, 600).Select(Id).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.All(found.Values, item => Assert.Equal(Json(items[int.Parse(item.ItemId[(RunId.Length + 6)..])]), Json(item)));
    }

    [ContractFact]
    public async Task Scan_returns_every_item_exactly_once_across_page_boundaries()
    {
        var catalog = await CreateCatalogAsync();
        var items = Enumerable.Range(0, ScanPageSize * 5 + 3).Select(i => Item(i, "x")).ToList();
        await catalog.UpsertManyAsync(items);

        var seen = new List<CatalogItem>();
        await foreach (var item in catalog.ScanAsync())
        {
            seen.Add(item);
        }

        Assert.Equal(items.Select(Json).Order(StringComparer.Ordinal), seen.Select(Json).Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task An_empty_catalog_counts_zero_and_scans_nothing()
    {
        var catalog = await CreateCatalogAsync();

        Assert.Equal(0, await catalog.CountAsync());
        await foreach (var item in catalog.ScanAsync())
        {
            Assert.Fail($"unexpected item {item.ItemId}");
        }
    }

    [ContractFact]
    public async Task Items_survive_closing_and_reopening_the_catalog()
    {
        var catalog = await CreateCatalogAsync();
        var items = new[] { Item(1, "a"), Item(2, "b") };
        await catalog.UpsertManyAsync(items);

        var reopened = await ReopenCatalogAsync(catalog);

        Assert.Equal(2, await reopened.CountAsync());
        var found = await reopened.GetManyAsync([Id(1), Id(2)]);
        Assert.Equal(Json(items[1]), Json(found[Id(2)]));
    }

    protected string Id(int n) => $"{RunId}-item-{n}";

    protected CatalogItem Item(int n, params string[] categories) =>
        new(Id(n), $"Title {n} «ünïcödé»", categories, n % 2 == 0 ? null : new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero).AddDays(n));

    protected static string Json(CatalogItem item) => JsonSerializer.Serialize(item, LongviewJson.Options);
}
