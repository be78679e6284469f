using Longview.Api;

namespace Longview.Local.Api;

/// <summary>What the self-hosted routes need beyond Core: the shared handlers' JSON and problem conventions, the impression queue, OpenAPI.</summary>
public static class LocalApiServices
{
    public static IServiceCollection AddLongviewLocalApi(this IServiceCollection services)
    {
        services.AddLongviewApi();
        services.AddSingleton<IServedListRecorder, QueuedImpressions>();
        services.AddLongviewOpenApi();
        return services;
    }
}
