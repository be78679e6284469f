using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Local.Retention;

public static class RetentionServices
{
    /// <summary>The retention job, its query and reports store (embedded SQLite, or Cosmos with the emulators).</summary>
    public static IServiceCollection AddLocalRetention(this IServiceCollection services, bool cosmosReports)
    {
        services.AddRetentionJob().AddModelChurnRisk();
        if (cosmosReports)
        {
            services.AddCosmosReportStore();
        }
        else
        {
            services.AddEmbeddedReportStore();
        }
        return services;
    }

    /// <summary>The daily scheduler, for <c>serve</c> only (CLI verbs and tests run the job themselves).</summary>
    public static IServiceCollection AddRetentionScheduler(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetentionScheduler>());
        return services;
    }
}
