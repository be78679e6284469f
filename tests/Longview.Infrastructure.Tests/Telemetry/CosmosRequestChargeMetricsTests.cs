using System.Diagnostics.Metrics;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Telemetry;
using Longview.Infrastructure.Cosmos;
using Longview.Infrastructure.Tests.Cosmos;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Infrastructure.Tests.Telemetry;

/// <summary>The request units the Cosmos store is charged reach the Longview meter per request, by operation and container.</summary>
public sealed class CosmosRequestChargeMetricsTests
{
    [CosmosFact]
    public async Task Each_cosmos_request_records_its_charge_by_operation_and_container()
    {
        using var factory = new OwnMeters();
        using var charged = new MetricCollector<double>(factory, LongviewTelemetry.Name, "longview.cosmos.request_charge");
        await using var cosmos = new CosmosEmulator();
        var charges = new CosmosRequestCharges(new LongviewMetrics(factory));
        var store = new CosmosProfileStore(cosmos.Containers, charges, Microsoft.Extensions.Options.Options.Create(cosmos.Options), NullLogger<CosmosProfileStore>.Instance);
        var profile = ProfileAggregator.NewProfile("u-1");

        await store.WriteManyAsync([new ProfileWrite(profile, null)]);
        await store.GetAsync("u-1");

        var measurements = charged.GetMeasurementSnapshot();
        Assert.Equal(charges.Operations, measurements.Count);
        Assert.Equal(charges.TotalRequestUnits, measurements.Sum(m => m.Value), 3);
        Assert.All(measurements, m => Assert.Equal(cosmos.Options.ProfilesContainer, m.Tags[TelemetryTags.Container]));
        Assert.Contains(measurements, m => (string)m.Tags[TelemetryTags.Operation]! == "read");
        Assert.True(measurements.Select(m => (string)m.Tags[TelemetryTags.Operation]!).Distinct().Count() >= 2);
    }

    /// <summary>Meters scoped to this test, so the collector sees no other test's Cosmos calls.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
