using Longview.Core.Ingestion;
using Longview.Infrastructure.Embedded;
using Longview.Local.Import;
using Longview.Local.Seeding;
using Longview.Local.Simulation;

namespace Longview.Local.Hosting;

/// <summary>The one composition of the self-hosted mode, shared by <c>serve</c>, <c>import</c>, <c>simulate</c>, the tests and the benchmarks.</summary>
public static class LocalServices
{
    public static IServiceCollection AddLongviewLocal(this IServiceCollection services, string dataFolder)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddEmbeddedStores(options => options.DataFolder = dataFolder);
        services.AddSingleton<EventIngestion>();
        services.AddSingleton<ItemIngestion>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<SimulationWriter>();
        services.AddSingleton<EmptyStoreSeeder>();
        return services;
    }
}
