using Longview.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>
/// The Cosmos emulator that ./dev test starts (tests/emulators/emulators.sh exports its endpoint). Each instance
/// works in its own database so tests never see each other's documents.
/// </summary>
public sealed class CosmosEmulator : IAsyncDisposable
{
    public const string EndpointVariable = "LONGVIEW_TEST_COSMOS_ENDPOINT";
    public const string KeyVariable = "LONGVIEW_TEST_COSMOS_KEY";

    public static string? SkipReason =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EndpointVariable))
            ? $"[SKIP] Cosmos emulator not running: {EndpointVariable} is not set (./dev test starts it)."
            : null;

    public CosmosEmulator(Action<CosmosStoreOptions>? adjust = null)
    {
        Options = new CosmosStoreOptions
        {
            DatabaseName = "test-" + Guid.NewGuid().ToString("N"),
            MaxParallelOperations = 8,
        }.ForEmulator(new Uri(Environment.GetEnvironmentVariable(EndpointVariable)!), Environment.GetEnvironmentVariable(KeyVariable)!);
        adjust?.Invoke(Options);
        Client = CosmosClientFactory.Create(Options);
        Containers = new CosmosContainers(Client, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<CosmosContainers>.Instance);
        Profiles = new CosmosProfileStore(Containers, Charges, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<CosmosProfileStore>.Instance);
        Items = new CosmosItemCatalog(Containers, Charges, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<CosmosItemCatalog>.Instance);
    }

    public CosmosStoreOptions Options { get; }

    public CosmosClient Client { get; }

    public CosmosContainers Containers { get; }

    public CosmosRequestCharges Charges { get; } = new();

    public CosmosProfileStore Profiles { get; }

    public CosmosItemCatalog Items { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.GetDatabase(Options.DatabaseName).DeleteStreamAsync();
        }
        finally
        {
            Containers.Dispose();
            Client.Dispose();
        }
    }
}

/// <summary>A fact that runs only when the Cosmos emulator is up, and says why it skipped otherwise.</summary>
public sealed class CosmosFactAttribute : FactAttribute
{
    public CosmosFactAttribute()
    {
        Skip = CosmosEmulator.SkipReason;
    }
}
