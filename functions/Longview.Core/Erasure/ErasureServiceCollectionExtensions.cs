using Longview.Core.Configuration;
using Longview.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Core.Erasure;

/// <summary>Registers <see cref="UserErasure"/> and <see cref="UserIdHash"/>; the host registers the stores (IProfileStore, IDeadLetterEraser, IErasureLog).</summary>
public static class ErasureServiceCollectionExtensions
{
    public static IServiceCollection AddLongviewErasure(this IServiceCollection services)
    {
        services.AddSettings<UserIdHashOptions>(UserIdHashOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserIdHash>();
        services.TryAddSingleton<UserErasure>();
        return services;
    }
}
