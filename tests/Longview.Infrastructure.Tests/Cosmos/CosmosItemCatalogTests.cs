using Longview.Core.Items;

namespace Longview.Infrastructure.Tests.Cosmos;

public sealed class CosmosItemCatalogTests : IAsyncLifetime
{
    private CosmosEmulator _cosmos = null!;

    public Task InitializeAsync()
    {
        if (CosmosEmulator.SkipReason is null)
        {
            _cosmos = new CosmosEmulator();
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_cosmos is not null)
        {
            await _cosmos.DisposeAsync();
        }
    }

    private static CatalogItem Item(string id, string title = "t", params string[] categories) =>
        new(id, title, categories.Length == 0 ? ["drama"] : categories, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [CosmosFact]
    public async Task Upserted_items_read_back_by_id_and_unknown_ids_are_absent()
    {
        await _cosmos.Items.UpsertManyAsync([Item("m-1", "Heat", "crime", "drama"), Item("m-2", "Up", "animation")]);

        var found = await _cosmos.Items.GetManyAsync(["m-1", "m-2", "m-404"]);

        Assert.Equal(["m-1", "m-2"], found.Keys.Order());
        Assert.Equal("Heat", found["m-1"].Title);
        Assert.Equal(["crime", "drama"], found["m-1"].Categories);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), found["m-1"].CreatedAt);
    }

    [CosmosFact]
    public async Task Upsert_replaces_an_existing_item()
    {
        await _cosmos.Items.UpsertManyAsync([Item("m-1", "Old title")]);

        await _cosmos.Items.UpsertManyAsync([Item("m-1", "New title", "comedy")]);

        var item = (await _cosmos.Items.GetManyAsync(["m-1"]))["m-1"];
        Assert.Equal("New title", item.Title);
        Assert.Equal(["comedy"], item.Categories);
        Assert.Equal(1, await _cosmos.Items.CountAsync());
    }

    [CosmosFact]
    public async Task Count_and_scan_see_every_item()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"item-{i:D3}").ToArray();
        await _cosmos.Items.UpsertManyAsync(ids.Select(id => Item(id)).ToArray());

        var scanned = new List<string>();
        await foreach (var item in _cosmos.Items.ScanAsync())
        {
            scanned.Add(item.ItemId);
        }

        Assert.Equal(40, await _cosmos.Items.CountAsync());
        Assert.Equal(ids, scanned.Order());
    }

    [CosmosFact]
    public async Task An_item_id_with_a_hash_or_slash_round_trips()
    {
        await _cosmos.Items.UpsertManyAsync([Item("c#/1", "Sharp")]);

        var found = await _cosmos.Items.GetManyAsync(["c#/1", "c~23~2F1"]);

        Assert.Equal("Sharp", Assert.Single(found).Value.Title);
        Assert.Equal("c#/1", found.Keys.Single());
    }

    [CosmosFact]
    public async Task An_item_id_of_the_maximum_length_made_of_slashes_round_trips()
    {
        // Escaped, it would be 384 characters, beyond Cosmos's 255: stored under its hash instead.
        var slashes = new string('/', Longview.Core.Events.IdRule.MaxLength);
        await _cosmos.Items.UpsertManyAsync([Item("ok"), Item(slashes, "Slashes")]);

        var found = await _cosmos.Items.GetManyAsync([slashes]);

        Assert.Equal("Slashes", Assert.Single(found).Value.Title);
        Assert.Equal(2, await _cosmos.Items.CountAsync());
    }

    [CosmosFact]
    public async Task An_item_id_the_store_cannot_hold_is_refused_before_anything_is_written()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _cosmos.Items.UpsertManyAsync([Item("ok"), Item(new string('/', 256))]));

        Assert.Contains("256 characters", error.Message);
        Assert.Equal(0, await _cosmos.Items.CountAsync());
    }
}
