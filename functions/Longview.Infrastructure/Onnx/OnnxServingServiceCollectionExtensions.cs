using Longview.Core.Configuration;
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
        // The host's defaults (the arguments) first, then the settings "Longview:Onnx" and "Longview:Recommendations".
        services.AddOptions<OnnxModelOptions>().Configure(o => model?.Invoke(o));
        services.AddOptions<RecommendationOptions>().Configure(o => recommendations?.Invoke(o));
        services.AddSettings<OnnxModelOptions>(OnnxModelOptions.SectionName);
        services.AddSettings<RecommendationOptions>(RecommendationOptions.SectionName);
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
