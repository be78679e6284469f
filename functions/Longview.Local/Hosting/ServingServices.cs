using Longview.Core.Configuration;
using Longview.Core.Ingestion;
using Longview.Core.Serving.Popularity;
using Longview.Core.Telemetry;
using Longview.Infrastructure.Onnx;
using Longview.Local.Serving;
using Microsoft.Extensions.Options;

namespace Longview.Local.Hosting;

/// <summary>
/// The serving half of the self-hosted app: ONNX model provider over the blob store (polled in the background),
/// popularity fed by ingestion and seeded from the stored profiles, impression logging through ingestion.
/// </summary>
public static class ServingServices
{
    /// <param name="options">The serving settings (from "Longview:Serving" or the caller, <see cref="LocalWebApp"/>): they decide what is registered, so they are validated here, by the same rules and messages as every other setting.</param>
    public static IServiceCollection AddLongviewServing(this IServiceCollection services, LocalServingOptions options)
    {
        if (new SettingsValidator<LocalServingOptions>(LocalServingOptions.SectionName).Validate(null, options) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(LocalServingOptions.SectionName, typeof(LocalServingOptions), invalid.Failures);
        }
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
