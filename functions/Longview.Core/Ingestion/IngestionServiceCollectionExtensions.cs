using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Ingestion;

/// <summary>Registers the ingestion path once for both hosts; the host registers IProfileStore and IItemCatalog.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the readers, the aggregator and the ingestion services as singletons. Limits and knobs come from
    /// <c>IOptions&lt;EventLimits&gt;</c>, <c>IOptions&lt;ItemLimits&gt;</c>, <c>IOptions&lt;ProfileLimits&gt;</c> and
    /// <c>IOptions&lt;IngestionOptions&gt;</c> (configure them with <c>services.Configure</c>).
    /// </summary>
    public static IServiceCollection AddLongviewIngestion(this IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLongviewMetrics();
        // Ingestion reads erasure records by the same pseudonym UserErasure writes them under.
        services.AddOptions<UserIdHashOptions>();
        services.TryAddSingleton<UserIdHash>();
        services.TryAddSingleton(sp => new EventBatchReader(sp.GetRequiredService<IOptions<EventLimits>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ItemBatchReader(sp.GetRequiredService<IOptions<ItemLimits>>().Value));
        services.TryAddSingleton(sp => new ProfileAggregator(sp.GetRequiredService<IOptions<ProfileLimits>>().Value));
        services.TryAddSingleton<EventIngestion>();
        services.TryAddSingleton<ItemIngestion>();
        return services;
    }
}
