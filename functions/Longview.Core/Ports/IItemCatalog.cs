using Longview.Core.Items;

namespace Longview.Core.Ports;

public interface IItemCatalog
{
    /// <summary>Inserts or replaces items by id.</summary>
    Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default);

    /// <summary>Known items among <paramref name="itemIds"/>; unknown ids are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default);

    IAsyncEnumerable<CatalogItem> ScanAsync(CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
