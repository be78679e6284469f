using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Longview.Infrastructure.Cosmos;

/// <summary>Accumulates the RU charge of the requests one store call makes, then logs it with the call's latency.</summary>
internal sealed class CosmosCallLog(ILogger logger, CosmosRequestCharges charges, string operation, string container)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _milliRequestUnits;

    public void Charge(double requestCharge)
    {
        Interlocked.Add(ref _milliRequestUnits, (long)Math.Round(requestCharge * 1000));
        charges.Add(requestCharge, operation, container);
    }

    public void Complete(int documents, LogLevel level = LogLevel.Debug)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }
        logger.Log(level, "Cosmos {Operation} on {Container}: {Documents} documents, {RequestCharge} RU, {ElapsedMs} ms",
            operation, container, documents, Interlocked.Read(ref _milliRequestUnits) / 1000.0,
            Math.Round(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, 2));
    }
}
