using Longview.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Core.Health;

/// <summary>
/// Registers <see cref="ReadinessService"/> with the checks of the model, the profile store and the retention reports;
/// the host registers IModelSource (and IModelHealthSource), IProfileStore and IRetentionReportStore;
/// <see cref="ReadinessOptions"/> are the settings "Longview:Readiness".
/// </summary>
public static class ReadinessServiceCollectionExtensions
{
    public static IServiceCollection AddLongviewReadiness(this IServiceCollection services)
    {
        services.AddSettings<ReadinessOptions>(ReadinessOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, ModelReadinessCheck>(sp =>
            new ModelReadinessCheck(sp.GetRequiredService<Serving.Models.IModelSource>(), sp.GetService<Serving.Models.IModelHealthSource>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, ProfileStoreReadinessCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, RetentionReportReadinessCheck>());
        services.TryAddSingleton<ReadinessService>();
        return services;
    }
}
