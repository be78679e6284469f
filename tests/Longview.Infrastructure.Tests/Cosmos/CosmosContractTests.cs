using Longview.Core.Ports;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>Opens Cosmos stores over one database per test; "reopen" is a new client over the same database.</summary>
internal sealed class CosmosContractDatabase(int scanPageSize) : IAsyncDisposable
{
    private readonly string _database = "contract-" + Guid.NewGuid().ToString("N");
    private readonly List<CosmosEmulator> _opened = [];

    public CosmosEmulator Open()
    {
        var emulator = new CosmosEmulator(o =>
        {
            o.DatabaseName = _database;
            o.ScanPageSize = scanPageSize;
        });
        _opened.Add(emulator);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var emulator in _opened)
        {
            await emulator.DisposeAsync();
        }
    }
}

[SkipUnlessEnvironment(CosmosEmulator.EndpointVariable, "[SKIP] Cosmos emulator not running: LONGVIEW_TEST_COSMOS_ENDPOINT is not set (./dev test starts it).")]
public sealed class CosmosProfileStoreContractTests : ProfileStoreContract
{
    private CosmosContractDatabase? _database;

    private CosmosContractDatabase Database => _database ??= new CosmosContractDatabase(ScanPageSize);

    protected override Task<IProfileStore> CreateStoreAsync() => Task.FromResult<IProfileStore>(Database.Open().Profiles);

    protected override Task<IProfileStore> ReopenStoreAsync(IProfileStore store) => Task.FromResult<IProfileStore>(Database.Open().Profiles);

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[SkipUnlessEnvironment(CosmosEmulator.EndpointVariable, "[SKIP] Cosmos emulator not running: LONGVIEW_TEST_COSMOS_ENDPOINT is not set (./dev test starts it).")]
public sealed class CosmosItemCatalogContractTests : ItemCatalogContract
{
    private CosmosContractDatabase? _database;

    private CosmosContractDatabase Database => _database ??= new CosmosContractDatabase(ScanPageSize);

    protected override Task<IItemCatalog> CreateCatalogAsync() => Task.FromResult<IItemCatalog>(Database.Open().Items);

    protected override Task<IItemCatalog> ReopenCatalogAsync(IItemCatalog catalog) => Task.FromResult<IItemCatalog>(Database.Open().Items);

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
