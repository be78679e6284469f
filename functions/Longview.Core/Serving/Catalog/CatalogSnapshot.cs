using Longview.Core.Items;

namespace Longview.Core.Serving.Catalog;

/// <summary>
/// An immutable in-memory view of the catalogue for serving: categories by item, and items newest first for the
/// new-item exploration slots. Requests read it without I/O.
/// </summary>
public sealed class CatalogSnapshot
{
    private static readonly IReadOnlyList<string> NoCategories = [];
    private readonly Dictionary<string, CatalogItem> _byId;

    public CatalogSnapshot(IEnumerable<CatalogItem> items)
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
    }

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
