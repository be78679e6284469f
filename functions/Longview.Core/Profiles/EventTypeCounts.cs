using System.Text.Json;
using System.Text.Json.Serialization;
using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>Applied events per type; serialized as <c>{"view":3,"rating":5,...}</c> (wire names, zero counts omitted).</summary>
[JsonConverter(typeof(EventTypeCountsJsonConverter))]
public sealed class EventTypeCounts
{
    private readonly long[] _counts = new long[EventTypes.All.Count];

    public long this[EventType type]
    {
        get => _counts[(int)type];
        internal set => _counts[(int)type] = value;
    }

    public long Total => _counts.Sum();

    internal void Increment(EventType type) => _counts[(int)type]++;
}

public sealed class EventTypeCountsJsonConverter : JsonConverter<EventTypeCounts>
{
    public override EventTypeCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("counts must be an object");
        }

        var counts = new EventTypeCounts();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (EventTypes.TryParse(name, out var type))
            {
                counts[type] = reader.GetInt64();
            }
            else
            {
                // Skip() refuses partial input (stores read profiles from streams); the value is buffered, so TrySkip succeeds.
                if (!reader.TrySkip())
                {
                    throw new JsonException("truncated profile JSON");
                }
            }
        }

        return counts;
    }

    public override void Write(Utf8JsonWriter writer, EventTypeCounts value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        for (var i = 0; i < EventTypes.All.Count; i++)
        {
            var count = value[(EventType)i];
            if (count != 0)
            {
                writer.WriteNumber(EventTypes.All[i], count);
            }
        }

        writer.WriteEndObject();
    }
}
