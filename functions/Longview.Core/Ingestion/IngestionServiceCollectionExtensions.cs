using Longview.Core.Configuration;
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
    /// Adds the readers, the aggregator and the ingestion services as singletons. Limits and knobs are the settings
    /// <c>Longview:Events</c>, <c>Longview:Items</c>, <c>Longview:Profiles</c> and <c>Longview:Ingestion</c>
    /// (<see cref="SettingsServiceCollectionExtensions.AddSettings{T}"/>; a test can still <c>services.Configure</c> them).
    /// </summary>
    public static IServiceCollection AddLongviewIngestion(this IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLongviewMetrics();
        services.AddSettings<EventLimits>(EventLimits.SectionName);
        services.AddSettings<ItemLimits>(ItemLimits.SectionName);
        services.AddSettings<ProfileLimits>(ProfileLimits.SectionName);
        services.AddSettings<IngestionOptions>(IngestionOptions.SectionName);
        // Ingestion reads erasure records by the same pseudonym UserErasure writes them under.
        services.AddSettings<UserIdHashOptions>(UserIdHashOptions.SectionName);
        services.TryAddSingleton<UserIdHash>();
        services.TryAddSingleton(sp => new EventBatchReader(sp.GetRequiredService<IOptions<EventLimits>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ItemBatchReader(sp.GetRequiredService<IOptions<ItemLimits>>().Value));
        services.TryAddSingleton(sp => new ProfileAggregator(sp.GetRequiredService<IOptions<ProfileLimits>>().Value));
        services.TryAddSingleton<EventIngestion>();
        services.TryAddSingleton<ItemIngestion>();
        return services;
    }
}
