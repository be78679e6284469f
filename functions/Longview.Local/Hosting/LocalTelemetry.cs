using Longview.Core.Privacy;
using Longview.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Longview.Local.Hosting;

/// <summary>
/// OpenTelemetry in the self-hosted app: the <see cref="LongviewTelemetry.Name"/> meter and spans plus ASP.NET Core's
/// request metrics and spans, exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the
/// other <c>OTEL_*</c> variables: protocol, headers, service name). Without an endpoint the SDK is not added at all, so
/// a request pays nothing for spans nobody exports (the meter still serves <c>dotnet-counters</c>). Request spans carry
/// the path with the user id replaced by its hash, as the logs name users.
/// </summary>
public static class LocalTelemetry
{
    public const string ServiceName = "longview";

    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddLongviewTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics.AddMeter(LongviewTelemetry.Name).AddAspNetCoreInstrumentation())
            .WithTracing(tracing => tracing.AddSource(LongviewTelemetry.Name).AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
        services.AddOptions<AspNetCoreTraceInstrumentationOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var rewrite = new UserIdPathRewrite(ActivatorUtilities.GetServiceOrCreateInstance<UserIdHash>(provider), [UserIdPathRewrite.ApiRoutesMarker]);
            options.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", rewrite.Rewrite(request.Path.Value ?? ""));
        });
        return services;
    }
}
