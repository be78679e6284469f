using System.Collections;
using System.Globalization;
using System.Text.Json;
using Longview.Core.Streaming;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Hosting;

/// <summary>
/// Gives each Event Hubs message an id that survives redelivery, <c>{hub}-p{partition}-{sequence number}</c>, from the
/// trigger's binding data; dead letters are keyed by it, so the same message dead-lettered twice is one letter.
/// With a <c>string[]</c> batch the host sends (Microsoft.Azure.WebJobs.Extensions.EventHubs, EventHubTriggerBindingStrategy):
/// <list type="bullet">
/// <item><c>PartitionContext</c>: the Event Hubs <c>PartitionContext</c> as JSON text (Newtonsoft, PascalCase:
/// <c>{"FullyQualifiedNamespace":..,"EventHubName":..,"ConsumerGroup":..,"PartitionId":"3"}</c>);</item>
/// <item><c>SequenceNumberArray</c>: a <c>long[]</c>, which reaches the worker as a typed collection (a protobuf
/// <c>RepeatedField&lt;long&gt;</c>) because the .NET worker declares the TypedDataCollection capability, or as JSON
/// text (<c>[1200,1201]</c>) from a host that does not use it.</item>
/// </list>
/// The worker's binding-data dictionary ignores case. When the metadata is missing or does not match the batch, the
/// invocation id and the position stand in (unique, not stable: a redelivery could then write a second letter).
/// </summary>
public static class EventHubMessages
{
    public static IReadOnlyList<StreamMessage> From(string[] messages, FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        var partition = ReadPartition(Find(data, "PartitionContext"));
        var sequences = ReadSequenceNumbers(Find(data, "SequenceNumberArray"));
        var stable = partition is not null && sequences?.Length == messages.Length;

        var result = new StreamMessage[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            var id = stable
                ? $"{partition}-{sequences![i].ToString(CultureInfo.InvariantCulture)}"
                : $"invocation-{context.InvocationId}-{i.ToString(CultureInfo.InvariantCulture)}";
            result[i] = new StreamMessage(id, messages[i]);
        }
        return result;
    }

    /// <summary><c>{hub}-p{partition}</c> (or <c>p{partition}</c> when the hub is not named); null without a partition id.</summary>
    private static string? ReadPartition(object? value)
    {
        using var document = Parse(value);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        string? partitionId = null;
        string? hub = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            if (string.Equals(property.Name, "PartitionId", StringComparison.OrdinalIgnoreCase))
            {
                partitionId = property.Value.GetString();
            }
            else if (string.Equals(property.Name, "EventHubName", StringComparison.OrdinalIgnoreCase))
            {
                hub = property.Value.GetString();
            }
        }
        if (string.IsNullOrEmpty(partitionId))
        {
            return null;
        }
        return string.IsNullOrEmpty(hub) ? $"p{partitionId}" : $"{hub}-p{partitionId}";
    }

    private static long[]? ReadSequenceNumbers(object? value)
    {
        switch (value)
        {
            case IEnumerable<long> numbers:
                return [.. numbers];
            case string or JsonElement:
                using (var document = Parse(value))
                {
                    if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
                    {
                        return null;
                    }
                    var parsed = new List<long>(document.RootElement.GetArrayLength());
                    foreach (var element in document.RootElement.EnumerateArray())
                    {
                        // TryGetInt64 throws on a non-number: that would fail the invocation, and the batch with it.
                        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
                        {
                            return null;
                        }
                        parsed.Add(number);
                    }
                    return [.. parsed];
                }
            case IEnumerable other:
                // Any other typed collection (e.g. boxed numbers): every element must be an integer.
                var list = new List<long>();
                foreach (var element in other)
                {
                    if (element is not (long or int))
                    {
                        return null;
                    }
                    list.Add(Convert.ToInt64(element, CultureInfo.InvariantCulture));
                }
                return [.. list];
            default:
                return null;
        }
    }

    // The worker's dictionary ignores case; a plain one (tests, other hosts) may not, and samples spell the names
    // both ways ("SequenceNumberArray", "sequenceNumberArray").
    private static object? Find(IReadOnlyDictionary<string, object?> data, string key)
    {
        if (data.TryGetValue(key, out var exact))
        {
            return exact;
        }
        foreach (var (name, value) in data)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>Metadata sent as JSON reaches the worker as its text; anything that is not valid JSON counts as absent.</summary>
    private static JsonDocument? Parse(object? value)
    {
        try
        {
            return value switch
            {
                string text => JsonDocument.Parse(text),
                JsonElement element => JsonDocument.Parse(element.GetRawText()),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
