using Longview.Core.Configuration;
using Longview.Core.Erasure;
using Longview.Infrastructure.Blob;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Infrastructure.Erasure;

public static class ErasureStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the erasure log and the dead-letter eraser over whichever <see cref="Core.Ports.IBlobStore"/> is
    /// registered (Azure Blob or the folder store), plus Core's <see cref="UserErasure"/>.
    /// </summary>
    public static IServiceCollection AddBlobErasure(this IServiceCollection services, Action<ErasureStoreOptions>? configure = null)
    {
        services.AddOptions<ErasureStoreOptions>().Configure(o => configure?.Invoke(o));
        services.AddSettings<ErasureStoreOptions>(ErasureStoreOptions.SectionName);
        services.AddSettings<BlobDeadLetterOptions>(BlobDeadLetterOptions.SectionName);
        services.TryAddSingleton<IErasureLog, BlobErasureLog>();
        services.TryAddSingleton<IDeadLetterEraser, BlobDeadLetterEraser>();
        services.AddLongviewErasure();
        return services;
    }
}
