using Longview.Core.Ports;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Embedded;

public sealed class SqliteProfileStoreContractTests : ProfileStoreContract, IDisposable
{
    private readonly SqliteStoreFactory _stores;

    public SqliteProfileStoreContractTests() => _stores = new SqliteStoreFactory(ScanPageSize);

    protected override Task<IProfileStore> CreateStoreAsync() => Task.FromResult<IProfileStore>(_stores.OpenProfiles());

    protected override Task<IProfileStore> ReopenStoreAsync(IProfileStore store)
    {
        _stores.Close(store);
        return Task.FromResult<IProfileStore>(_stores.OpenProfiles());
    }

    public void Dispose() => _stores.Dispose();
}
