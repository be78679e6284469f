using System.Runtime.CompilerServices;
using Longview.Core.Items;
using Longview.Core.Ports;

namespace Longview.Core.Tests.Support;

internal sealed class InMemoryItemCatalog : IItemCatalog
{
    private readonly Dictionary<string, CatalogItem> _items = new(StringComparer.Ordinal);

    public int UpsertCalls { get; private set; }

    public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        UpsertCalls++;
        foreach (var item in items)
        {
            _items[item.ItemId] = item;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, CatalogItem>>(itemIds.Where(_items.ContainsKey).ToDictionary(id => id, id => _items[id], StringComparer.Ordinal));

    public async IAsyncEnumerable<CatalogItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in _items.Values.ToList())
        {
            await Task.Yield();
            yield return item;
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_items.Count);
}
