using System.IO.Compression;
using System.Text.Json;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Semantics;

namespace Longview.Infrastructure.Training;

/// <summary>
/// The training job's text side file <c>item_embeddings.ndjson.gz</c>: one line per catalogue item with a current
/// embedding of <paramref name="encoder"/> (its hash matches the item's text now),
/// <c>{"itemId", "encoder", "categories", "vector"}</c>. Items without one are left out; the job learns the text
/// projection on the items that have both an embedding and interactions.
/// </summary>
public sealed class ItemEmbeddingsFileWriter(IItemCatalog catalog, IItemEmbeddingStore embeddings)
{
    public const string FileName = "item_embeddings.ndjson.gz";

    public async Task<(long Written, long Missing)> WriteToAsync(Stream destination, string encoder, CancellationToken cancellationToken = default)
    {
        long written = 0, missing = 0;
        await using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using var writer = new Utf8JsonWriter(gzip);
        var page = new List<CatalogItem>(ItemEmbedder.CataloguePage);
        async Task FlushAsync()
        {
            var found = await embeddings.GetManyAsync(encoder, page.Select(i => i.ItemId).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                if (!found.TryGetValue(item.ItemId, out var embedding) || !embedding.IsCurrentFor(item, encoder))
                {
                    missing++;
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteString("itemId", item.ItemId);
                writer.WriteString("encoder", encoder);
                writer.WriteStartArray("categories");
                foreach (var category in item.Categories)
                {
                    writer.WriteStringValue(category);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("vector");
                foreach (var value in embedding.Vector)
                {
                    writer.WriteNumberValue(value);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                writer.Reset();
                gzip.WriteByte((byte)'\n');
                written++;
            }
            page.Clear();
        }
        await foreach (var item in catalog.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(item);
            if (page.Count == ItemEmbedder.CataloguePage)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
        await FlushAsync().ConfigureAwait(false);
        return (written, missing);
    }
}
