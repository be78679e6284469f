using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Infrastructure.Outcomes;
using Longview.Infrastructure.Tests.Contracts;
using Longview.Infrastructure.Tests.Cosmos;

namespace Longview.Infrastructure.Tests.Outcomes;

[SkipUnlessEnvironment(CosmosEmulator.EndpointVariable, "[SKIP] Cosmos emulator not running: LONGVIEW_TEST_COSMOS_ENDPOINT is not set (./dev test starts it).")]
public sealed class CosmosOutcomeLogContractTests : OutcomeLogContract
{
    private readonly List<CosmosEmulator> _opened = [];

    protected override Task<(IServedListLog Lists, IExperimentExposureLog Exposures)> CreateAsync()
    {
        var emulator = new CosmosEmulator(o => o.DatabaseName = "outcomes-" + Guid.NewGuid().ToString("N"));
        _opened.Add(emulator);
        var storeOptions = Microsoft.Extensions.Options.Options.Create(new OutcomeStoreOptions { DayPartitions = 3 });
        var containers = new CosmosOutcomeContainers(emulator.Client, Microsoft.Extensions.Options.Options.Create(emulator.Options), storeOptions);
        return Task.FromResult<(IServedListLog, IExperimentExposureLog)>((new CosmosServedListLog(containers, storeOptions), new CosmosExposureLog(containers)));
    }

    public override async Task DisposeAsync()
    {
        foreach (var emulator in _opened)
        {
            await emulator.DisposeAsync();
        }
    }
}
