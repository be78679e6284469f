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
        var builder = services.AddOptions<ErasureStoreOptions>()
            .Validate(o => BlobNames.IsValidContainer(o.Container) && o.MaxLetterBytes > 0 && o.MaxParallelReads > 0,
                "Erasure: Container must be a valid container name, MaxLetterBytes and MaxParallelReads positive.");
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddOptions<BlobDeadLetterOptions>();
        services.TryAddSingleton<IErasureLog, BlobErasureLog>();
        services.TryAddSingleton<IDeadLetterEraser, BlobDeadLetterEraser>();
        services.AddLongviewErasure();
        return services;
    }
}
