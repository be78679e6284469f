using Longview.Core.Configuration;
using Longview.Core.Semantics;
using Longview.Infrastructure.Semantics;

namespace Longview.Local.Semantics;

public static class SemanticServices
{
    /// <summary>
    /// Item text encoding for the self-hosted host: the encoder, the queue ingestion feeds and the worker that drains it.
    /// Nothing when <c>Longview:Semantics:Enabled</c> is false, the stores keep no embeddings, or the build has no encoder (GPU flavour).
    /// </summary>
    public static IServiceCollection AddLongviewSemantics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SemanticOptions>(SemanticOptions.SectionName);
        // Stores without an embedding store leave text encoding off.
        if (!configuration.GetValue(SemanticOptions.SectionName + ":" + nameof(SemanticOptions.Enabled), true)
            || !services.Any(d => d.ServiceType == typeof(IItemEmbeddingStore))
            || !services.TryAddTextEncoder())
        {
            return services;
        }
        services.AddSingleton<ItemEmbeddingSweep>();
        services.AddSingleton<ItemEmbeddingQueue>();
        services.AddSingleton<IItemTextObserver>(sp => sp.GetRequiredService<ItemEmbeddingQueue>());
        services.AddHostedService<ItemEmbeddingWorker>();
        return services;
    }
}
