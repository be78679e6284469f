namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// Running total of request units the stores spent in this process (one per client, registered as a singleton):
/// the ingest benchmark divides it by the events it replayed.
/// </summary>
public sealed class CosmosRequestCharges
{
    // Milli-RU in a long so concurrent writers can add without a lock.
    private long _milliRequestUnits;
    private long _operations;

    public double TotalRequestUnits => Interlocked.Read(ref _milliRequestUnits) / 1000.0;

    public long Operations => Interlocked.Read(ref _operations);

    public void Add(double requestCharge)
    {
        Interlocked.Add(ref _milliRequestUnits, (long)Math.Round(requestCharge * 1000));
        Interlocked.Increment(ref _operations);
    }
}
