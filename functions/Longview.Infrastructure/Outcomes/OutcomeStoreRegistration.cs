using Longview.Core.Configuration;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Infrastructure.Outcomes;

public static class OutcomeStoreRegistration
{
    /// <summary>The self-hosted list and exposure logs (lists.db, exposures.db under the embedded data folder).</summary>
    public static IServiceCollection AddEmbeddedOutcomeStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SqliteServedListLog>();
        services.TryAddSingleton<IServedListLog>(sp => sp.GetRequiredService<SqliteServedListLog>());
        services.TryAddSingleton<SqliteExposureLog>();
        services.TryAddSingleton<IExperimentExposureLog>(sp => sp.GetRequiredService<SqliteExposureLog>());
        return services;
    }

    /// <summary>The Azure list and exposure logs (Cosmos containers "lists" and "exposures"; needs AddCosmosStores' client).</summary>
    public static IServiceCollection AddCosmosOutcomeStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSettings<OutcomeStoreOptions>(OutcomeStoreOptions.SectionName);
        services.TryAddSingleton<CosmosOutcomeContainers>();
        services.TryAddSingleton<IServedListLog, CosmosServedListLog>();
        services.TryAddSingleton<IExperimentExposureLog, CosmosExposureLog>();
        return services;
    }
}
