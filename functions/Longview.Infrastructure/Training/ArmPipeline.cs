using Azure.Core;
using Azure.Core.Pipeline;

namespace Longview.Infrastructure.Training;

/// <summary>
/// The HTTP pipeline of the ARM calls: Azure.Core's, so a request gets a bearer token (cached and refreshed), and a 408,
/// 429, 5xx or a dropped connection is retried with exponential back-off that waits at least as long as ARM's
/// Retry-After (or retry-after-ms) asks.
/// </summary>
public static class ArmPipeline
{
    public static HttpPipeline Create(TokenCredential credential, ContainerAppsJobOptions settings, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(settings);
        var options = new ArmClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = settings.MaxRetries;
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.MaxDelay = settings.MaxRetryDelay;
        options.Retry.NetworkTimeout = settings.NetworkTimeout;
        options.Diagnostics.IsLoggingContentEnabled = false;
        if (transport is not null)
        {
            options.Transport = transport;
        }
        return HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, settings.Scope));
    }

    private sealed class ArmClientOptions : ClientOptions;
}
