using Longview.Core.Ports;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Embedded;

public sealed class SqliteItemCatalogContractTests : ItemCatalogContract, IDisposable
{
    private readonly SqliteStoreFactory _stores;

    public SqliteItemCatalogContractTests() => _stores = new SqliteStoreFactory(ScanPageSize);

    protected override Task<IItemCatalog> CreateCatalogAsync() => Task.FromResult<IItemCatalog>(_stores.OpenCatalog());

    protected override Task<IItemCatalog> ReopenCatalogAsync(IItemCatalog catalog)
    {
        _stores.Close(catalog);
        return Task.FromResult<IItemCatalog>(_stores.OpenCatalog());
    }

    public void Dispose() => _stores.Dispose();
}
