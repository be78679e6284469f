using System.Globalization;
using System.Text.Json;
using Longview.Core.Streaming;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Hosting;

/// <summary>
/// Gives each Event Hubs message an id that survives redelivery: partition and sequence number, from the trigger's
/// binding data. Dead letters are keyed by it, so a replayed batch does not write its letters twice. When the metadata
/// is missing or does not match the batch, the invocation id and the position stand in (unique, not stable).
/// </summary>
public static class EventHubMessages
{
    public static IReadOnlyList<StreamMessage> From(string[] messages, FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        var partition = ReadPartitionId(Find(data, "PartitionContext"));
        var sequences = ReadSequenceNumbers(Find(data, "SequenceNumberArray"));
        var stable = partition is not null && sequences?.Length == messages.Length;

        var result = new StreamMessage[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            var id = stable
                ? $"p{partition}-{sequences![i].ToString(CultureInfo.InvariantCulture)}"
                : $"{context.InvocationId}-{i.ToString(CultureInfo.InvariantCulture)}";
            result[i] = new StreamMessage(id, messages[i]);
        }
        return result;
    }

    private static string? ReadPartitionId(object? value)
    {
        try
        {
            using var document = Parse(value);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("PartitionId") || string.Equals(property.Name, "partitionId", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long[]? ReadSequenceNumbers(object? value)
    {
        try
        {
            using var document = Parse(value);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var numbers = new List<long>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (!element.TryGetInt64(out var number))
                {
                    return null;
                }
                numbers.Add(number);
            }
            return [.. numbers];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Hosts and samples differ in the casing of metadata names ("SequenceNumberArray", "sequenceNumberArray").
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

    // The isolated worker hands trigger metadata over as JSON text.
    private static JsonDocument? Parse(object? value) => value switch
    {
        string text => JsonDocument.Parse(text),
        JsonElement element => JsonDocument.Parse(element.GetRawText()),
        _ => null,
    };
}
