using Longview.Core.Telemetry;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// Running total of request units the stores spent in this process (one per client, registered as a singleton):
/// the ingest benchmark divides it by the events it replayed.
/// </summary>
public sealed class CosmosRequestCharges(LongviewMetrics? metrics = null)
{
    private readonly LongviewMetrics _metrics = metrics ?? LongviewMetrics.Unscoped;

    // Milli-RU in a long so concurrent writers can add without a lock.
    private long _milliRequestUnits;
    private long _operations;

    public double TotalRequestUnits => Interlocked.Read(ref _milliRequestUnits) / 1000.0;

    public long Operations => Interlocked.Read(ref _operations);

    /// <summary>Adds one request's charge to the total and to the <c>longview.cosmos.request_charge</c> histogram.</summary>
    public void Add(double requestCharge, string operation, string container)
    {
        _metrics.RequestCharged(requestCharge, operation, container);
        Interlocked.Add(ref _milliRequestUnits, (long)Math.Round(requestCharge * 1000));
        Interlocked.Increment(ref _operations);
    }
}
