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
    /// the profile store, the blob store and a <see cref="TimeProvider"/>; the host binds the options sections "Retention" and "Retention:Job" when it wants configuration.
    /// </summary>
    public static IServiceCollection AddRetentionJob(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RetentionOptions>();
        services.AddOptions<RetentionJobOptions>();
        services.AddOptions<RetentionScheduleOptions>()
            .Validate(o => CronSchedule.TryParse(o.Schedule, out _, out _), $"{RetentionSchedule.Setting} is not a 6-field NCRONTAB expression (sec min hour day month day-of-week)")
            .ValidateOnStart();
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
