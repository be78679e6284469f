using Longview.Core.Privacy;
using Longview.Infrastructure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Hosting;

/// <summary>
/// Keeps user ids out of the worker's telemetry in clear (issue 7: hash them). The host's own request telemetry is
/// handled in host.json (<c>httpAutoCollectionOptions</c>); see the README's "User ids in telemetry".
/// </summary>
public static class UserIdTelemetry
{
    public static IServiceCollection AddUserIdTelemetryRedaction(this IServiceCollection services)
    {
        services.TryAddSingleton<UserIdHash>();
        services.AddSingleton(provider => new UserIdPathRewrite(
            provider.GetRequiredService<UserIdHash>(),
            [
                UserIdPathRewrite.ApiRoutesMarker,
                // Gateway-mode Cosmos calls are HTTP dependencies whose URL ends in the profile's id, the user id.
                UserIdPathRewrite.CosmosDocumentsMarker(provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value.ProfilesContainer),
            ]));
        services.AddApplicationInsightsTelemetryProcessor<UserIdTelemetryProcessor>();
        return services;
    }

    /// <summary>ASP.NET Core's request lines ("Request starting … /api/users/{id}/…") stay below Information, as in the self-hosted host.</summary>
    public static ILoggingBuilder KeepRequestUrlsOutOfLogs(this ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}
