namespace Longview.Core.Semantics;

/// <summary>
/// Item embeddings beside the catalogue, keyed by (item, encoder), so a new encoder's embeddings are written next to
/// the old ones and serving switches when the model it loads was trained on them.
/// </summary>
public interface IItemEmbeddingStore
{
    /// <summary>Inserts or replaces by (item, encoder).</summary>
    Task UpsertManyAsync(IReadOnlyList<ItemEmbedding> embeddings, CancellationToken cancellationToken = default);

    /// <summary>The embeddings of <paramref name="encoder"/> among <paramref name="itemIds"/>; missing ones are absent.</summary>
    Task<IReadOnlyDictionary<string, ItemEmbedding>> GetManyAsync(string encoder, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default);

    /// <summary>Every embedding of <paramref name="encoder"/>, in pages (memory bounded by a page).</summary>
    IAsyncEnumerable<ItemEmbedding> ScanAsync(string encoder, CancellationToken cancellationToken = default);
}
