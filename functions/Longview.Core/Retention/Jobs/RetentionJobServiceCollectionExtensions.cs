using Longview.Core.Configuration;
using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Serving.Models;
using Longview.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Retention.Jobs;

public static class RetentionJobServiceCollectionExtensions
{
    /// <summary>
    /// Registers the retention job and its query (both hosts). The host registers <see cref="IRetentionReportStore"/>,
    /// the profile store, the blob store and a <see cref="TimeProvider"/>; settings: sections "Retention", "Retention:Job" and "Longview:Retention".
    /// </summary>
    public static IServiceCollection AddRetentionJob(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSettings<RetentionOptions>(RetentionOptions.SectionName);
        services.AddSettings<RetentionJobOptions>(RetentionJobOptions.SectionName);
        services.AddSettings<RetentionScheduleOptions>(RetentionScheduleOptions.SectionName);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RetentionJobOptions>>().Value);
        services.TryAddSingleton<IChurnRiskSource, RecencyFrequencyChurnRiskSource>();
        services.TryAddSingleton<RetentionCalculator>();
        services.TryAddSingleton<RetentionReportWriter>();
        services.TryAddSingleton<RetentionJob>();
        services.TryAddSingleton<RetentionReportQuery>();
        services.TryAddSingleton<RetentionSchedule>();
        services.TryAddSingleton<RetentionRunDayStep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, RetentionRunDayStep>(sp => sp.GetRequiredService<RetentionRunDayStep>()));
        services.AddLifecycleJob();
        return services;
    }

    /// <summary>
    /// Takes lifecycle churn risk from the promoted model's churn.onnx when one is loaded (recency/frequency otherwise).
    /// The model comes from the serving path's <see cref="IModelSource"/>; a container without one (a CLI verb that does
    /// not serve) keeps the recency/frequency score.
    /// </summary>
    public static IServiceCollection AddModelChurnRisk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IChurnRiskSource>(sp =>
        {
            var options = sp.GetRequiredService<RetentionOptions>();
            return sp.GetService<IModelSource>() is { } models
                ? new ModelChurnRiskSource(models, options)
                : new RecencyFrequencyChurnRiskSource(options);
        }));
        return services;
    }
}
