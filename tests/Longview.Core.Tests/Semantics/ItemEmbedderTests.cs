using Longview.Core.Items;
using Longview.Core.Semantics;
using Longview.Core.Tests.Ranking;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Semantics;

public sealed class ItemEmbedderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static (ItemEmbedder Embedder, WordEncoder Encoder, MemoryEmbeddings Store, InMemoryItemCatalog Catalog) Create(int batchSize = 2)
    {
        var encoder = new WordEncoder();
        var store = new MemoryEmbeddings();
        var catalog = new InMemoryItemCatalog();
        var embedder = new ItemEmbedder(encoder, store, catalog, new FixedTime(Now), Options.Create(new SemanticOptions { BatchSize = batchSize }), NullLogger<ItemEmbedder>.Instance);
        return (embedder, encoder, store, catalog);
    }

    private static CatalogItem Item(string id, string title, string? description = null) => new(id, title, ["crime"], null, description, ["heist"]);

    [Fact]
    public async Task Encodes_each_item_once_in_batches_and_stores_the_hash_of_the_text_it_read()
    {
        var (embedder, encoder, store, _) = Create(batchSize: 2);
        CatalogItem[] items = [Item("m1", "Heat"), Item("m2", "Casino"), Item("m3", "Ronin"), Item("m1", "Heat (1995)")];

        var report = await embedder.EmbedAsync(items);

        Assert.Equal(new EmbedReport(3, 3, 0), report);
        Assert.Equal([2, 1], encoder.BatchSizes);
        var stored = await store.GetManyAsync(encoder.Id, ["m1", "m2", "m3"]);
        Assert.Equal(ItemText.Hash("Heat (1995). crime. Tags: heist"), stored["m1"].TextHash);
        Assert.Equal(Now, stored["m1"].ComputedAt);
    }

    [Fact]
    public async Task An_item_whose_text_did_not_change_is_not_encoded_again_and_an_edited_one_is()
    {
        var (embedder, encoder, _, _) = Create();
        await embedder.EmbedAsync([Item("m1", "Heat"), Item("m2", "Casino")]);
        encoder.Encoded.Clear();

        var report = await embedder.EmbedAsync([Item("m1", "Heat"), Item("m2", "Casino", "Vegas, 1973.")]);

        Assert.Equal(new EmbedReport(2, 1, 1), report);
        Assert.Equal(["Casino. crime. Tags: heist. Vegas, 1973."], encoder.Encoded);
    }

    [Fact]
    public async Task The_catalogue_backfill_reaches_every_item_and_reports_progress_for_each()
    {
        var (embedder, _, store, catalog) = Create(batchSize: 32);
        await catalog.UpsertManyAsync([.. Enumerable.Range(0, ItemEmbedder.CataloguePage + 10).Select(i => Item($"m{i}", $"Title {i}"))]);
        var progress = new CountingProgress();

        var report = await embedder.EmbedCatalogueAsync(progress);

        Assert.Equal((ItemEmbedder.CataloguePage + 10, ItemEmbedder.CataloguePage + 10), (report.Encoded, progress.Total));
        Assert.Equal(ItemEmbedder.CataloguePage + 10, store.Writes);
    }

    [Fact]
    public async Task An_encoder_that_returns_the_wrong_shape_stores_nothing()
    {
        var (embedder, encoder, store, _) = Create();
        encoder.Override = count => [.. Enumerable.Range(0, count).Select(_ => new float[3])];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => embedder.EmbedAsync([Item("m1", "Heat")]));

        Assert.Contains("not 8 finite values", error.Message);
        Assert.Equal(0, store.Writes);
    }

    [Fact]
    public void The_text_names_title_categories_tags_and_description_in_that_order()
    {
        var text = ItemText.Compose(new CatalogItem("m1", " Heat ", ["Action", "Crime"], null, "A heist.", ["Pacino", "De Niro"]));

        Assert.Equal("Heat. Action, Crime. Tags: Pacino, De Niro. A heist.", text);
    }

    private sealed class CountingProgress : IProgress<int>
    {
        public int Total { get; private set; }

        public void Report(int value) => Total += value;
    }
}
