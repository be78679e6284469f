using Longview.Core.Items;
using Longview.Core.Semantics;

namespace Longview.Core.Serving.Catalog;

/// <summary>
/// An immutable in-memory view of the catalogue for serving: categories by item, and items newest first for the
/// new-item exploration slots, and the items' current text embeddings of one encoder (those computed from the text the
/// item has now). Requests read it without I/O.
/// </summary>
public sealed class CatalogSnapshot
{
    private static readonly IReadOnlyList<string> NoCategories = [];
    private readonly Dictionary<string, CatalogItem> _byId;
    private readonly Dictionary<string, float[]> _embeddings = new(StringComparer.Ordinal);

    public CatalogSnapshot(IEnumerable<CatalogItem> items)
        : this(items, null, null)
    {
    }

    /// <param name="embeddings">Embeddings of <paramref name="encoder"/> by item; one whose text hash differs from the item's text now is left out.</param>
    public CatalogSnapshot(IEnumerable<CatalogItem> items, string? encoder, IReadOnlyDictionary<string, ItemEmbedding>? embeddings)
    {
        _byId = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            _byId[item.ItemId] = item;
        }
        NewestFirst = _byId.Values
            .Where(i => i.CreatedAt is not null)
            .OrderByDescending(i => i.CreatedAt)
            .ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .ToArray();
        if (encoder is not null && embeddings is not null)
        {
            EmbeddingEncoder = encoder;
            foreach (var (itemId, embedding) in embeddings)
            {
                if (_byId.TryGetValue(itemId, out var item) && embedding.IsCurrentFor(item, encoder))
                {
                    _embeddings[itemId] = embedding.Vector;
                }
            }
        }
        EmbeddedItems = [.. _embeddings.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The encoder of <see cref="EmbeddingOf"/>'s vectors; null when the snapshot holds none.</summary>
    public string? EmbeddingEncoder { get; }

    /// <summary>Items with a current embedding, in id order.</summary>
    public IReadOnlyList<string> EmbeddedItems { get; }

    /// <summary>The item's current text embedding, or null.</summary>
    public float[]? EmbeddingOf(string itemId) => _embeddings.GetValueOrDefault(itemId);

    public static CatalogSnapshot Empty { get; } = new([]);

    public int Count => _byId.Count;

    /// <summary>Items with a creation time, newest first.</summary>
    public IReadOnlyList<CatalogItem> NewestFirst { get; }

    public IEnumerable<CatalogItem> Items => _byId.Values;

    public CatalogItem? Find(string itemId) => _byId.GetValueOrDefault(itemId);

    public IReadOnlyList<string> CategoriesOf(string itemId) =>
        _byId.TryGetValue(itemId, out var item) ? item.Categories : NoCategories;

    public bool IsIn(string itemId, string category)
    {
        if (!_byId.TryGetValue(itemId, out var item))
        {
            return false;
        }
        foreach (var c in item.Categories)
        {
            if (string.Equals(c, category, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The item's title for explanations, falling back to its id.</summary>
    public string DisplayName(string itemId) =>
        _byId.TryGetValue(itemId, out var item) && !string.IsNullOrWhiteSpace(item.Title) ? item.Title : itemId;
}
