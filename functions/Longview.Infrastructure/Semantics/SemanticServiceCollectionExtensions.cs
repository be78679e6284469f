using Longview.Core.Configuration;
using Longview.Core.Semantics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Infrastructure.Semantics;

public static class SemanticServiceCollectionExtensions
{
    /// <summary>
    /// The text encoder (<see cref="ITextEncoder"/>) and <see cref="ItemEmbedder"/>; the host registers an
    /// <see cref="IItemEmbeddingStore"/> with its stores. False in the GPU flavour, which ships no encoder: the
    /// sentence encoder package brings the CPU ONNX Runtime, whose native files would collide with the CUDA build's
    /// (encoding runs in the CPU-flavoured Functions app and the self-hosted host).
    /// </summary>
    public static bool TryAddTextEncoder(this IServiceCollection services)
    {
        services.AddSettings<SemanticOptions>(SemanticOptions.SectionName);
        services.AddSettings<TextEncoderOptions>(TextEncoderOptions.SectionName);
#if LONGVIEW_TEXT_ENCODER
        services.TryAddSingleton<ArcticXsTextEncoder>();
        services.TryAddSingleton<ITextEncoder>(sp => sp.GetRequiredService<ArcticXsTextEncoder>());
        services.TryAddSingleton<ItemEmbedder>();
        return true;
#else
        return false;
#endif
    }
}
