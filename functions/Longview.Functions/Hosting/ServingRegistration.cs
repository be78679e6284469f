using Longview.Core.Configuration;
using Longview.Core.Ingestion;
using Longview.Core.Serving;
using Longview.Core.Serving.Popularity;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Functions.Hosting;

/// <summary>
/// The serving path of the Functions app: the ONNX model provider over Azure Blob (container <c>models</c>, polled in
/// the background), the catalogue snapshot, popularity fed by ingestion, and <see cref="RecommendationService"/>.
/// </summary>
public static class ServingRegistration
{
    public const string OnnxSection = OnnxModelOptions.SectionName;
    public const string RecommendationsSection = RecommendationOptions.SectionName;

    public static IServiceCollection AddLongviewServing(this IServiceCollection services, IConfiguration configuration)
    {
        // The settings (AddSettings) bind from the configuration in the container: this one, unless the host has its own.
        services.TryAddSingleton(configuration);
        services.AddOnnxServing();
        services.AddSettings<FunctionsServingOptions>(FunctionsServingOptions.SectionName);
        services.AddSingleton<IIngestedEventsObserver, PopularityRecorder>();
        services.AddHostedService<ModelRefreshService>();
        if (configuration.GetSection(FunctionsServingOptions.SectionName).Get<FunctionsServingOptions>()?.SeedPopularityFromProfiles == true)
        {
            services.AddHostedService<PopularitySeeder>();
        }
        return services;
    }
}
