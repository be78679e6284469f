using Azure.Identity;
using Longview.Core.Telemetry;
using Longview.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Longview.Functions.Tests.Telemetry;

/// <summary>
/// The Functions app's telemetry wiring: the managed identity the authentication setting names, and the Longview meter
/// in the OpenTelemetry pipeline that carries it to Azure Monitor (an in-memory exporter beside it here).
/// </summary>
// The SDK listens to every meter named Longview in the process: other tests' dead letters would count here.
[Collection(FunctionsTelemetryCollection.Name)]
public sealed class FunctionsTelemetryTests
{
    [Theory]
    [InlineData("Authorization=AAD", true)]
    [InlineData("Authorization=AAD;ClientId=3f1c4f3e-0000-4000-8000-000000000001", true)]
    [InlineData(" authorization = aad ; clientid = x ", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Authorization=Key", false)]
    public void The_authentication_setting_decides_whether_telemetry_is_sent_with_the_managed_identity(string? setting, bool managedIdentity)
    {
        var credential = ApplicationInsightsCredential.From(setting);

        Assert.Equal(managedIdentity, credential is ManagedIdentityCredential);
    }

    [Fact]
    public void The_longview_meter_is_exported_from_the_functions_app()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // An address only (as in Azure); with local authentication off the identity is the credential.
            [FunctionsTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
            [ApplicationInsightsCredential.SettingName] = "Authorization=AAD",
        }).Build();
        var exported = new List<Metric>();
        var services = new ServiceCollection().AddMetrics();
        services.AddLongviewFunctionsTelemetry(configuration);
        services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(exported));
        using var provider = services.BuildServiceProvider();
        var meterProvider = provider.GetRequiredService<MeterProvider>();

        provider.GetRequiredService<LongviewMetrics>().DeadLettered(3);
        meterProvider.ForceFlush();

        var metric = Assert.Single(exported, m => m.Name == "longview.dead_letters");
        long sum = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            sum += point.GetSumLong();
        }
        Assert.Equal(3, sum);
    }
}
