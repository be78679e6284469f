using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LongviewMetrics"/> once; it takes the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
    /// when one is registered (every .NET host registers it), so exporters and tests listen to this provider's meter.
    /// </summary>
    public static IServiceCollection AddLongviewMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<LongviewMetrics>();
        return services;
    }
}
