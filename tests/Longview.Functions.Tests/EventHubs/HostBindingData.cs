using System.Collections.ObjectModel;
using System.Globalization;
using Google.Protobuf.Collections;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// The binding data a batched <c>string[]</c> Event Hubs invocation carries into the isolated worker, built the way the
/// host and worker build it: the extension's EventHubTriggerBindingStrategy (5.1.0) adds PartitionContext and the
/// *Array members; the host sends <c>long[]</c> and <c>string[]</c> as typed collections (the .NET worker declares
/// TypedDataCollection) and everything else as Newtonsoft JSON text; the worker (GrpcFunctionBindingsFeature) turns
/// typed collections into protobuf <see cref="RepeatedField{T}"/> and JSON into its text, in a dictionary that ignores case.
/// </summary>
internal static class HostBindingData
{
    public const string Namespace = "longview-ns.servicebus.windows.net";

    public static IReadOnlyDictionary<string, object?> For(string hub, string partitionId, long firstSequence, int count, bool typedCollections = true)
    {
        var sequences = Enumerable.Range(0, count).Select(i => firstSequence + i).ToArray();
        var offsets = sequences.Select(s => (s * 512).ToString(CultureInfo.InvariantCulture)).ToArray();
        var enqueued = sequences.Select(s => new DateTime(2026, 12, 6, 23, 0, 0, DateTimeKind.Utc).AddMilliseconds(s)).ToArray();
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["PartitionContext"] = $$"""{"FullyQualifiedNamespace":"{{Namespace}}","EventHubName":"{{hub}}","ConsumerGroup":"$Default","PartitionId":"{{partitionId}}"}""",
            ["PartitionKeyArray"] = typedCollections ? Repeated(sequences.Select(_ => "")) : Json(sequences.Select(_ => "null")),
            ["OffsetArray"] = typedCollections ? Repeated(offsets) : Json(offsets.Select(o => $"\"{o}\"")),
            ["SequenceNumberArray"] = typedCollections ? Repeated(sequences) : Json(sequences.Select(s => s.ToString(CultureInfo.InvariantCulture))),
            ["EnqueuedTimeUtcArray"] = Json(enqueued.Select(t => $"\"{t:yyyy-MM-ddTHH:mm:ss.fffZ}\"")),
            ["PropertiesArray"] = Json(sequences.Select(_ => "{}")),
            ["SystemPropertiesArray"] = Json(sequences.Select((s, i) =>
                $$"""{"x-opt-sequence-number":{{s}},"x-opt-offset":"{{offsets[i]}}","x-opt-enqueued-time":"{{enqueued[i]:yyyy-MM-ddTHH:mm:ss.fffZ}}","SequenceNumber":{{s}},"Offset":"{{offsets[i]}}","PartitionKey":null,"EnqueuedTimeUtc":"{{enqueued[i]:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""")),
            ["sys"] = """{"MethodName":"IngestEvents","UtcNow":"2026-12-06T23:00:01.000Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}""",
        };
        return new ReadOnlyDictionary<string, object?>(data);
    }

    private static RepeatedField<T> Repeated<T>(IEnumerable<T> values)
    {
        var field = new RepeatedField<T>();
        field.AddRange(values);
        return field;
    }

    private static string Json(IEnumerable<string> elements) => $"[{string.Join(",", elements)}]";
}
