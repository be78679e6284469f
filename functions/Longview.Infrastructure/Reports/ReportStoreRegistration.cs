using Longview.Core.Retention.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Infrastructure.Reports;

public static class ReportStoreRegistration
{
    /// <summary>The self-hosted reports store (reports.db under the embedded data folder; needs AddEmbeddedStores' options).</summary>
    public static IServiceCollection AddEmbeddedReportStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SqliteRetentionReportStore>();
        services.TryAddSingleton<IRetentionReportStore>(sp => sp.GetRequiredService<SqliteRetentionReportStore>());
        return services;
    }

    /// <summary>The Azure reports store (Cosmos container "reports"; needs AddCosmosStores' client and options).</summary>
    public static IServiceCollection AddCosmosReportStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ReportStoreOptions>();
        services.TryAddSingleton<CosmosRetentionReportStore>();
        services.TryAddSingleton<IRetentionReportStore>(sp => sp.GetRequiredService<CosmosRetentionReportStore>());
        return services;
    }
}
