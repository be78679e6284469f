using Longview.Core.Configuration;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Embedded.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Infrastructure.Embedded;

public static class EmbeddedStoreRegistration
{
    /// <summary>
    /// Registers the self-hosted stores as singletons: <see cref="IProfileStore"/> and <see cref="IItemCatalog"/>
    /// and <see cref="IItemEmbeddingStore"/> on SQLite files and <see cref="IBlobStore"/> on a folder, all under <see cref="EmbeddedStoreOptions.DataFolder"/>.
    /// Bind configuration with <c>services.Configure&lt;EmbeddedStoreOptions&gt;(section)</c> or pass <paramref name="configure"/>.
    /// The host must register logging.
    /// </summary>
    public static IServiceCollection AddEmbeddedStores(this IServiceCollection services, Action<EmbeddedStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The settings "Longview:Embedded" first, then the host's values: the folder given with --data wins.
        services.AddSettings<EmbeddedStoreOptions>(EmbeddedStoreOptions.SectionName);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<SqliteProfileStore>();
        services.TryAddSingleton<IProfileStore>(sp => sp.GetRequiredService<SqliteProfileStore>());
        services.TryAddSingleton<SqliteItemCatalog>();
        services.TryAddSingleton<IItemCatalog>(sp => sp.GetRequiredService<SqliteItemCatalog>());
        services.TryAddSingleton<SqliteItemEmbeddingStore>();
        services.TryAddSingleton<IItemEmbeddingStore>(sp => sp.GetRequiredService<SqliteItemEmbeddingStore>());
        services.TryAddSingleton<FolderBlobStore>();
        services.TryAddSingleton<IBlobStore>(sp => sp.GetRequiredService<FolderBlobStore>());
        return services;
    }
}
