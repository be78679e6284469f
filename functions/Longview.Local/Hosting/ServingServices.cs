using Longview.Core.Ingestion;
using Longview.Core.Serving.Popularity;
using Longview.Core.Telemetry;
using Longview.Infrastructure.Onnx;
using Longview.Local.Serving;

namespace Longview.Local.Hosting;

/// <summary>
/// The serving half of the self-hosted app: ONNX model provider over the blob store (polled in the background),
/// popularity fed by ingestion and seeded from the stored profiles, impression logging through ingestion.
/// </summary>
public static class ServingServices
{
    public static IServiceCollection AddLongviewServing(this IServiceCollection services, LocalServingOptions options)
    {
        services.AddSingleton(options);
        services.AddOnnxServing(model => model.PollInterval = options.ModelPollInterval);
        services.AddSingleton<IIngestedEventsObserver, PopularityRecorder>();
        services.AddLongviewMetrics();
        services.AddSingleton<ImpressionLog>();
        services.AddHostedService<ModelRefreshService>();
        services.AddHostedService<ImpressionWriter>();
        if (options.SeedPopularityFromProfiles)
        {
            services.AddHostedService<PopularitySeeder>();
        }
        return services;
    }
}
