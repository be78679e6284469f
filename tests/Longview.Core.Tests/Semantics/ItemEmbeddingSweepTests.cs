using Longview.Core.Items;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;

namespace Longview.Core.Tests.Semantics;

public sealed class ItemEmbeddingSweepTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static CatalogItem Item(string id, int minutes) => new(id, id, ["drama"], T.AddMinutes(minutes));

    [Fact]
    public void Picks_the_items_without_a_current_embedding_newest_first_up_to_the_cap()
    {
        CatalogItem[] items = [Item("old", 0), Item("new", 5), Item("done", 9), Item("edited", 7), Item("mid", 3)];
        var embeddings = new Dictionary<string, ItemEmbedding>
        {
            ["done"] = new("done", "e@1", ItemText.HashOf(items[2]), [1f], T),
            ["edited"] = new("edited", "e@1", "hash of its text before the edit", [1f], T),
        };
        var snapshot = new CatalogSnapshot(items, "e@1", embeddings);

        Assert.Equal(["edited", "new", "mid"], ItemEmbeddingSweep.Missing(snapshot, "e@1", 3).Select(i => i.ItemId));
        Assert.Equal(["edited", "new", "mid", "old"], ItemEmbeddingSweep.Missing(snapshot, "e@1", 10).Select(i => i.ItemId));
    }

    [Fact]
    public void A_snapshot_of_another_encoder_leaves_every_item_to_the_embedder()
    {
        CatalogItem[] items = [Item("a", 0), Item("b", 1)];
        var snapshot = new CatalogSnapshot(items, "old@1", new Dictionary<string, ItemEmbedding> { ["a"] = new("a", "old@1", ItemText.HashOf(items[0]), [1f], T) });

        Assert.Equal(["b", "a"], ItemEmbeddingSweep.Missing(snapshot, "new@2", 10).Select(i => i.ItemId));
    }
}
