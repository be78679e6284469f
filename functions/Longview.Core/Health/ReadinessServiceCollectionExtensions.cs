using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Core.Health;

/// <summary>
/// Registers <see cref="ReadinessService"/> with the checks of the model, the profile store and the retention reports;
/// the host registers IModelSource (and IModelHealthSource), IProfileStore and IRetentionReportStore, and binds
/// <see cref="ReadinessOptions"/> to its configuration if it wants other than the defaults.
/// </summary>
public static class ReadinessServiceCollectionExtensions
{
    public static IServiceCollection AddLongviewReadiness(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>()
            .Validate(o => o.CheckTimeout >= TimeSpan.FromMilliseconds(100) && o.CheckTimeout <= TimeSpan.FromMinutes(1),
                $"{ReadinessOptions.SectionName}:CheckTimeout must be between 00:00:00.1 and 00:01:00.")
            .Validate(o => o.MaxReportAgeDays is >= 1 and <= 366, $"{ReadinessOptions.SectionName}:MaxReportAgeDays must be between 1 and 366.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, ModelReadinessCheck>(sp =>
            new ModelReadinessCheck(sp.GetRequiredService<Serving.Models.IModelSource>(), sp.GetService<Serving.Models.IModelHealthSource>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, ProfileStoreReadinessCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, RetentionReportReadinessCheck>());
        services.TryAddSingleton<ReadinessService>();
        return services;
    }
}
