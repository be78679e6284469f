using Longview.Core.Items;

namespace Longview.Infrastructure.Tests.Embedded;

public sealed class SqliteItemCatalogTests : IDisposable
{
    private readonly SqliteStoreFactory _stores = new(scanPageSize: 16);

    [Fact]
    public async Task A_batch_with_an_invalid_item_is_refused_whole_with_the_index_named()
    {
        var catalog = _stores.OpenCatalog();
        await catalog.UpsertManyAsync([new CatalogItem("kept", "Kept", ["a"])]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => catalog.UpsertManyAsync(
        [
            new CatalogItem("kept", "Overwritten?", ["b"]),
            new CatalogItem("bad", null!, ["c"]),
        ]));

        Assert.Contains("items[1]", error.Message);
        Assert.Contains("Title", error.Message);
        var found = await catalog.GetManyAsync(["kept", "bad"]);
        Assert.Equal("Kept", Assert.Single(found).Value.Title);
    }

    [Fact]
    public async Task An_item_over_the_document_limit_is_refused()
    {
        var catalog = _stores.OpenCatalog(o => o.MaxDocumentBytes = 1_000);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => catalog.UpsertManyAsync(
            [new CatalogItem("huge", new string('t', 2_000), [])]));

        Assert.Contains("'huge'", error.Message);
        Assert.Equal(0, await catalog.CountAsync());
    }

    [Fact]
    public async Task A_lookup_of_more_ids_than_the_limit_is_refused()
    {
        var catalog = _stores.OpenCatalog(o => o.MaxLookupIds = 2);

        await catalog.GetManyAsync(["a", "b"]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => catalog.GetManyAsync(["a", "b", "c"]));

        Assert.Contains("limit is 2", error.Message);
    }

    [Fact]
    public async Task The_last_of_two_items_with_one_id_in_a_call_wins()
    {
        var catalog = _stores.OpenCatalog();

        await catalog.UpsertManyAsync([new CatalogItem("x", "First", []), new CatalogItem("x", "Second", [])]);

        Assert.Equal("Second", (await catalog.GetManyAsync(["x"]))["x"].Title);
        Assert.Equal(1, await catalog.CountAsync());
    }

    [Fact]
    public async Task An_upsert_from_another_instance_on_the_same_file_is_seen_by_a_catalog_that_cached_the_item()
    {
        var reader = _stores.OpenCatalog();
        var writer = _stores.OpenCatalog();
        await writer.UpsertManyAsync([new CatalogItem("x", "Before", ["a"]), new CatalogItem("y", "Other", ["b"])]);
        Assert.Equal("Before", (await reader.GetManyAsync(["x", "y"]))["x"].Title);

        await writer.UpsertManyAsync([new CatalogItem("x", "After", ["c"]), new CatalogItem("z", "New", [])]);

        var found = await reader.GetManyAsync(["x", "y", "z"]);
        Assert.Equal("After", found["x"].Title);
        Assert.Equal(["c"], found["x"].Categories);
        Assert.Equal("Other", found["y"].Title);
        Assert.Equal("New", found["z"].Title);
    }

    [Fact]
    public async Task Lookups_racing_with_upserts_end_on_the_last_upserted_version()
    {
        var catalog = _stores.OpenCatalog();
        await catalog.UpsertManyAsync([new CatalogItem("x", "v0", [])]);

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                var title = (await catalog.GetManyAsync(["x"]))["x"].Title;
                Assert.StartsWith("v", title);
            }
        })).ToList();
        for (var v = 1; v <= 50; v++)
        {
            await catalog.UpsertManyAsync([new CatalogItem("x", $"v{v}", [])]);
            await Task.Yield();
        }
        await Task.WhenAll(readers);

        Assert.Equal("v50", (await catalog.GetManyAsync(["x"]))["x"].Title);
    }

    public void Dispose() => _stores.Dispose();
}
