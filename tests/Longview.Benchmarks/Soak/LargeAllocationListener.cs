using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Longview.Benchmarks.Soak;

/// <summary>
/// Counts the runtime's allocation samples (GCAllocationTick, one per ~100 KB allocated) of the large-object heap by
/// type, in this process: where gen-2 collections triggered by LOH churn come from, without dotnet-counters/trace.
/// </summary>
internal sealed class LargeAllocationListener : EventListener
{
    private const int LargeObjectHeap = 1;
    private readonly ConcurrentDictionary<string, long> _samples = new();

    public IReadOnlyList<(string Type, long Samples)> Top(int count) =>
        _samples.OrderByDescending(s => s.Value).Take(count).Select(s => (s.Key, s.Value)).ToArray();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }
        var kind = e.PayloadNames.IndexOf("AllocationKind");
        var type = e.PayloadNames.IndexOf("TypeName");
        if (kind >= 0 && type >= 0 && Convert.ToInt32(e.Payload![kind]) == LargeObjectHeap)
        {
            _samples.AddOrUpdate(e.Payload[type] as string ?? "?", 1, (_, n) => n + 1);
        }
    }
}
