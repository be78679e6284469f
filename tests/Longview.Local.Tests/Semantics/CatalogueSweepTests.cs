using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Longview.Infrastructure.Semantics;
using Longview.Local.Tests.Serving;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Semantics;

/// <summary>
/// Items that never passed the encoder's queue (written by an import, another process, or lost from a full queue) are
/// found by the worker's catalogue sweep, the same pass the Azure timer runs, and embedded with the real encoder.
/// </summary>
public sealed class CatalogueSweepTests
{
    [Fact]
    public async Task The_sweep_embeds_items_written_past_the_queue()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path, configureBuilder: builder =>
        {
            builder.Configuration["Longview:Semantics:InitialSweepDelay"] = "00:00:00";
            builder.Configuration["Longview:Semantics:SweepInterval"] = "00:00:10";
        });
        // Straight into the store, as `longview import` in another process writes: the running host's queue never sees them.
        await app.Service<IItemCatalog>().UpsertManyAsync(
        [
            new CatalogItem("swept-1", "Heat (1995)", ["Crime", "Thriller"]),
            new CatalogItem("swept-2", "Toy Story (1995)", ["Animation", "Children's"]),
        ]);

        var embeddings = await ServingApp.EventuallyAsync(
            () => app.Service<IItemEmbeddingStore>().GetManyAsync(ArcticXsTextEncoder.EncoderId, ["swept-1", "swept-2"]),
            found => found.Count == 2, "the sweep to embed both items");

        Assert.All(embeddings.Values, e => Assert.Equal(384, e.Vector.Length));
    }
}
