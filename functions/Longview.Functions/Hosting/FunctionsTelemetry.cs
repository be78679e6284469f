using Azure.Monitor.OpenTelemetry.Exporter;
using Longview.Core.Telemetry;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Longview.Functions.Hosting;

/// <summary>
/// The worker's telemetry to Application Insights with the app's managed identity: the Application Insights SDK (logs,
/// requests, dependencies) gets the token credential it lacked, and OpenTelemetry exports the
/// <see cref="LongviewTelemetry.Name"/> meter (customMetrics) and spans through the Azure Monitor exporter. Only the
/// product's own meter and source are added, so nothing the Application Insights SDK already collects is sent twice.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddLongviewFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var credential = ApplicationInsightsCredential.From(configuration[ApplicationInsightsCredential.SettingName]);
        if (credential is not null)
        {
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(credential));
        }

        services.AddLongviewMetrics();
        // No connection string (local runs): no SDK, nothing collected for nobody.
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("longview-functions"))
            .WithMetrics(metrics => metrics.AddMeter(LongviewTelemetry.Name)
                .AddAzureMonitorMetricExporter(exporter => Configure(exporter, connectionString, credential)))
            .WithTracing(tracing => tracing.AddSource(LongviewTelemetry.Name)
                .AddAzureMonitorTraceExporter(exporter => Configure(exporter, connectionString, credential)));
        return services;
    }

    private static void Configure(AzureMonitorExporterOptions exporter, string connectionString, Azure.Core.TokenCredential? credential)
    {
        exporter.ConnectionString = connectionString;
        exporter.Credential = credential;
    }
}
