using Longview.Core.Ingestion;
using Longview.Core.Serving;
using Longview.Core.Serving.Popularity;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Hosting;

/// <summary>
/// The serving path of the Functions app: the ONNX model provider over Azure Blob (container <c>models</c>, polled in
/// the background), the catalogue snapshot, popularity fed by ingestion, and <see cref="RecommendationService"/>.
/// </summary>
public static class ServingRegistration
{
    public const string OnnxSection = "Longview:Onnx";
    public const string RecommendationsSection = "Longview:Recommendations";

    public static IServiceCollection AddLongviewServing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOnnxServing();
        services.AddOptions<OnnxModelOptions>().Bind(configuration.GetSection(OnnxSection));
        services.AddOptions<RecommendationOptions>().Bind(configuration.GetSection(RecommendationsSection));
        services.AddOptions<FunctionsServingOptions>().Bind(configuration.GetSection(FunctionsServingOptions.SectionName));
        services.AddSingleton<IIngestedEventsObserver, PopularityRecorder>();
        services.AddHostedService<ModelRefreshService>();
        if (configuration.GetSection(FunctionsServingOptions.SectionName).Get<FunctionsServingOptions>()?.SeedPopularityFromProfiles == true)
        {
            services.AddHostedService<PopularitySeeder>();
        }
        return services;
    }
}
