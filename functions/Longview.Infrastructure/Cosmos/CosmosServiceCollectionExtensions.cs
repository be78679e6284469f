using Longview.Core.Configuration;
using Azure.Core;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IProfileStore"/>, <see cref="IItemCatalog"/> and <see cref="IItemEmbeddingStore"/> on Cosmos DB, the singleton
    /// <see cref="CosmosClient"/> (key from options, or <paramref name="credential"/> / DefaultAzureCredential when
    /// no key is set) and the <see cref="CosmosRequestCharges"/> total.
    /// </summary>
    /// <param name="configure">The host's values (the emulator's endpoint), applied before the settings "Cosmos".</param>
    public static IServiceCollection AddCosmosStores(this IServiceCollection services, Action<CosmosStoreOptions>? configure = null, TokenCredential? credential = null)
    {
        services.AddOptions<CosmosStoreOptions>().Configure(o => configure?.Invoke(o));
        services.AddSettings<CosmosStoreOptions>(CosmosStoreOptions.SectionName);
        services.TryAddSingleton(sp => CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value, credential));
        services.TryAddSingleton<CosmosRequestCharges>();
        services.TryAddSingleton<CosmosContainers>();
        services.AddSingleton<CosmosProfileStore>();
        services.AddSingleton<CosmosItemCatalog>();
        services.AddSingleton<IProfileStore>(sp => sp.GetRequiredService<CosmosProfileStore>());
        services.AddSingleton<IItemCatalog>(sp => sp.GetRequiredService<CosmosItemCatalog>());
        services.AddSingleton<CosmosItemEmbeddingStore>();
        services.AddSingleton<IItemEmbeddingStore>(sp => sp.GetRequiredService<CosmosItemEmbeddingStore>());
        return services;
    }
}
