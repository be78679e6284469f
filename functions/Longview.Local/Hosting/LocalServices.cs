using Longview.Core.Events;
using Longview.Core.Experiments;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Telemetry;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Erasure;
using Longview.Infrastructure.Outcomes;
using Longview.Local.Import;
using Longview.Local.Retention;
using Longview.Local.Security;
using Longview.Local.Seeding;
using Longview.Local.Simulation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Local.Hosting;

/// <summary>The one composition of the self-hosted mode, shared by <c>serve</c>, <c>import</c>, <c>simulate</c>, the tests and the benchmarks.</summary>
public static class LocalServices
{
    public static IServiceCollection AddLongviewLocal(this IServiceCollection services, string dataFolder, StoreKind stores = StoreKind.Embedded)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (stores == StoreKind.Emulators)
        {
            services.AddEmulatorStores();
        }
        else
        {
            services.AddEmbeddedStores(options => options.DataFolder = dataFolder);
        }

        // Core's ingestion path and its settings (Longview:Events, :Items, :Profiles, :Ingestion), as in the Functions app.
        services.AddLongviewIngestion();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<EventLimits>>().Value);
        services.AddBlobErasure().AddLocalUserIdSalt(dataFolder);

        services.AddLocalRetention(cosmosReports: stores == StoreKind.Emulators);

        // Experiments, the served-list and exposure logs, list outcomes and experiment results.
        services.AddLongviewExperiments();
        if (stores == StoreKind.Emulators)
        {
            services.AddCosmosOutcomeStores();
        }
        else
        {
            services.AddEmbeddedOutcomeStores();
        }

        services.TryAddSingleton<DatasetImporter>();
        services.TryAddSingleton<SimulationWriter>();
        services.TryAddSingleton<EmptyStoreSeeder>();
        return services;
    }
}
