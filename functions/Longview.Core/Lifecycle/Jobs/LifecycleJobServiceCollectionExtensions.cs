using Longview.Core.Configuration;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Lifecycle.Jobs;

public static class LifecycleJobServiceCollectionExtensions
{
    /// <summary>
    /// Registers the daily lifecycle job, its workflow step and its reader (both hosts; AddRetentionJob calls it). The
    /// host binds <see cref="LifecycleJobOptions.SectionName"/> when it wants configuration.
    /// </summary>
    public static IServiceCollection AddLifecycleJob(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSettings<LifecycleJobOptions>(LifecycleJobOptions.SectionName);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LifecycleJobOptions>>().Value);
        services.TryAddSingleton<LifecycleJob>();
        services.TryAddSingleton<LifecycleReader>();
        services.TryAddSingleton<LifecycleRunDayStep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, LifecycleRunDayStep>(sp => sp.GetRequiredService<LifecycleRunDayStep>()));
        return services;
    }
}
