using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Infrastructure.Onnx;

public static class OnnxServingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the serving path: <see cref="OnnxModelProvider"/> as <see cref="IModelSource"/>, the catalogue snapshot,
    /// the decaying popularity table (feed it from ingestion with <see cref="DecayingPopularity.Record"/>) and
    /// <see cref="RecommendationService"/>. The host supplies IBlobStore, IProfileStore, IItemCatalog and runs
    /// <see cref="OnnxModelProvider.RunAsync"/> in a background service so new versions are picked up.
    /// </summary>
    public static IServiceCollection AddOnnxServing(
        this IServiceCollection services,
        Action<OnnxModelOptions>? model = null,
        Action<RecommendationOptions>? recommendations = null)
    {
        services.AddOptions<OnnxModelOptions>()
            .Configure(o => model?.Invoke(o))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.IntraOpNumThreads >= 1 && o.MaxModelBytes > 0 && !string.IsNullOrWhiteSpace(o.Container),
                "Onnx: PollInterval must be positive, IntraOpNumThreads at least 1, MaxModelBytes positive and Container set.")
            .Validate(o => Enum.IsDefined(o.ExecutionProvider) && o.CudaDeviceId >= 0,
                "Onnx: ExecutionProvider must be Cpu or Cuda and CudaDeviceId not negative.")
            .ValidateOnStart();
        services.AddOptions<RecommendationOptions>()
            .Configure(o => recommendations?.Invoke(o))
            .Validate(o => o.MinCandidates >= 1 && o.CandidateMultiplier >= 1 && o.MinHistoryForModel >= 0 && o.Exclusions.FatigueThreshold > 0,
                "Recommendations: MinCandidates and CandidateMultiplier at least 1, MinHistoryForModel not negative, FatigueThreshold positive.");
        services.AddOptions<CatalogSnapshotOptions>();
        services.AddOptions<PopularityOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OnnxModelProvider>();
        services.TryAddSingleton<IModelSource>(sp => sp.GetRequiredService<OnnxModelProvider>());
        services.TryAddSingleton<IModelHealthSource>(sp => sp.GetRequiredService<OnnxModelProvider>());
        services.TryAddSingleton<CatalogSnapshotCache>();
        services.TryAddSingleton<DecayingPopularity>();
        services.TryAddSingleton<IPopularitySource>(sp => sp.GetRequiredService<DecayingPopularity>());
        services.TryAddSingleton<RecommendationService>();
        return services;
    }
}
