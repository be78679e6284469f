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
    public async Task The_last_of_two_items_with_one_id_in_a_call_wins()
    {
        var catalog = _stores.OpenCatalog();

        await catalog.UpsertManyAsync([new CatalogItem("x", "First", []), new CatalogItem("x", "Second", [])]);

        Assert.Equal("Second", (await catalog.GetManyAsync(["x"]))["x"].Title);
        Assert.Equal(1, await catalog.CountAsync());
    }

    public void Dispose() => _stores.Dispose();
}
