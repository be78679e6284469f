using Longview.Core.Items;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// Items by id, valid for exactly one catalogue version (a counter every upsert transaction increments in the
/// database). A reader passes the version it read in its own snapshot, so it only ever sees entries loaded at that
/// version, and an upsert from any connection or process empties the cache on the next read. Bounded: once full,
/// further items are simply read from SQLite.
/// </summary>
internal sealed class CatalogCache(int capacity)
{
    private readonly Lock _lock = new();
    private Dictionary<string, CatalogItem> _items = new(StringComparer.Ordinal);
    private long _version = -1;

    /// <summary>Adds the cached items among <paramref name="ids"/> to <paramref name="found"/> and lists the others.</summary>
    public void Lookup(long version, IEnumerable<string> ids, Dictionary<string, CatalogItem> found, List<string> misses)
    {
        lock (_lock)
        {
            if (_version != version)
            {
                _items = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
                _version = version;
            }
            foreach (var id in ids)
            {
                if (_items.TryGetValue(id, out var item))
                {
                    found[id] = item;
                }
                else
                {
                    misses.Add(id);
                }
            }
        }
    }

    /// <summary>Keeps items read at <paramref name="version"/>, unless the cache has moved to another version since.</summary>
    public void Fill(long version, IEnumerable<CatalogItem> loaded)
    {
        lock (_lock)
        {
            if (_version != version)
            {
                return;
            }
            foreach (var item in loaded)
            {
                if (_items.Count >= capacity)
                {
                    return;
                }
                _items[item.ItemId] = item;
            }
        }
    }
}
