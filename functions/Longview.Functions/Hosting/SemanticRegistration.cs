using Longview.Core.Configuration;
using Longview.Core.Semantics;
using Longview.Infrastructure.Semantics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Hosting;

/// <summary>
/// Item text in the Functions app: the encoder and <see cref="ItemEmbedder"/> (unless <c>Longview:Semantics:Enabled</c>
/// is false or the build ships none) and the <see cref="ItemEmbeddingSweep"/> the <c>EmbedItems</c> timer runs. The
/// embeddings live in Cosmos (AddCosmosStores' <see cref="IItemEmbeddingStore"/>); with an encoder, the serving catalogue
/// snapshot loads them and new items are scored from their text.
/// </summary>
public static class SemanticRegistration
{
    public static IServiceCollection AddLongviewSemantics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SemanticOptions>(SemanticOptions.SectionName);
        if (configuration.GetValue(SemanticOptions.SectionName + ":" + nameof(SemanticOptions.Enabled), true))
        {
            services.TryAddTextEncoder();
        }
        services.AddSingleton<ItemEmbeddingSweep>();
        return services;
    }
}
