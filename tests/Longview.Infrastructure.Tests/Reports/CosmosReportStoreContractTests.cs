using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Reports;
using Longview.Infrastructure.Tests.Contracts;
using Longview.Infrastructure.Tests.Cosmos;

namespace Longview.Infrastructure.Tests.Reports;

[SkipUnlessEnvironment(CosmosEmulator.EndpointVariable, "[SKIP] Cosmos emulator not running: LONGVIEW_TEST_COSMOS_ENDPOINT is not set (./dev test starts it).")]
public sealed class CosmosReportStoreContractTests : ReportStoreContract
{
    private readonly string _database = "reports-" + Guid.NewGuid().ToString("N");
    private readonly List<CosmosEmulator> _opened = [];

    protected override Task<IRetentionReportStore> CreateStoreAsync() => Task.FromResult(Open());

    protected override Task<IRetentionReportStore> ReopenAsync(IRetentionReportStore store) => Task.FromResult(Open());

    public override async Task DisposeAsync()
    {
        foreach (var emulator in _opened)
        {
            await emulator.DisposeAsync();
        }
    }

    private IRetentionReportStore Open()
    {
        var emulator = new CosmosEmulator(o => o.DatabaseName = _database);
        _opened.Add(emulator);
        return new CosmosRetentionReportStore(emulator.Client, Microsoft.Extensions.Options.Options.Create(emulator.Options), Microsoft.Extensions.Options.Options.Create(new ReportStoreOptions()));
    }
}
