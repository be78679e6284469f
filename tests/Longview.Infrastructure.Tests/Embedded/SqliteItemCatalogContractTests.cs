using Longview.Core.Ports;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Embedded;

public class SqliteItemCatalogContractTests : ItemCatalogContract, IDisposable
{
    private readonly SqliteStoreFactory _stores;

    public SqliteItemCatalogContractTests() => _stores = new SqliteStoreFactory(ScanPageSize);

    /// <summary>The lookup cache size the catalogue is opened with.</summary>
    protected virtual int MaxCachedItems => new Longview.Infrastructure.Embedded.EmbeddedStoreOptions().MaxCachedItems;

    protected override Task<IItemCatalog> CreateCatalogAsync() => Task.FromResult<IItemCatalog>(Open());

    protected override Task<IItemCatalog> ReopenCatalogAsync(IItemCatalog catalog)
    {
        _stores.Close(catalog);
        return Task.FromResult<IItemCatalog>(Open());
    }

    private IItemCatalog Open() => _stores.OpenCatalog(o => o.MaxCachedItems = MaxCachedItems);

    public void Dispose()
    {
        _stores.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same contract with the lookup cache off, and with one too small for the test data.</summary>
public sealed class SqliteItemCatalogUncachedContractTests : SqliteItemCatalogContractTests
{
    protected override int MaxCachedItems => 0;
}

public sealed class SqliteItemCatalogSmallCacheContractTests : SqliteItemCatalogContractTests
{
    protected override int MaxCachedItems => 5;
}
