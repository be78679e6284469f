using System.Text.Json;
using System.Text.Json.Serialization;
using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>
/// Reads and writes <see cref="RecentEvent"/> as <c>{"itemId","timestamp","type","value"?,"eventKey"}</c> by hand:
/// a profile holds up to 200 of them and is read and written on every batch that touches the user, and the generic
/// constructor-based path costs several times more. Documents of profile format 3 and before carry <c>"eventId"</c>
/// instead of the key, which is read as its hash.
/// </summary>
public sealed class RecentEventJsonConverter : JsonConverter<RecentEvent>
{
    private static readonly JsonEncodedText ItemIdName = JsonEncodedText.Encode("itemId");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText EventKeyName = JsonEncodedText.Encode("eventKey");
    private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText[] TypeValues = [.. EventTypes.All.Select(name => JsonEncodedText.Encode(name))];

    public override RecentEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a recent event must be an object");
        }

        string? itemId = null;
        ulong eventKey = 0;
        DateTimeOffset? timestamp = null;
        EventType? type = null;
        double? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ItemIdName.EncodedUtf8Bytes)) { reader.Read(); itemId = reader.GetString(); }
            else if (reader.ValueTextEquals(TimestampName.EncodedUtf8Bytes)) { reader.Read(); timestamp = reader.GetDateTimeOffset(); }
            else if (reader.ValueTextEquals(EventKeyName.EncodedUtf8Bytes)) { reader.Read(); eventKey = EventKeyJson.Read(ref reader); }
            else if (reader.ValueTextEquals(EventIdName.EncodedUtf8Bytes)) { reader.Read(); eventKey = reader.GetString() is { } eventId ? SeenEvents.HashOf(eventId) : 0; }
            else if (reader.ValueTextEquals(ValueName.EncodedUtf8Bytes)) { reader.Read(); value = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble(); }
            else if (reader.ValueTextEquals(TypeName.EncodedUtf8Bytes))
            {
                reader.Read();
                type = EventTypes.TryParse(reader.GetString(), out var parsed) ? parsed : throw new JsonException($"unknown event type '{reader.GetString()}' in a recent event");
            }
            else
            {
                reader.Read();
                // Skip() refuses partial input (stores read profiles from streams); the value is buffered, so TrySkip succeeds.
                if (!reader.TrySkip())
                {
                    throw new JsonException("an unknown recent-event field could not be skipped");
                }
            }
        }

        if (itemId is null || timestamp is null || type is null)
        {
            throw new JsonException("a recent event needs itemId, timestamp and type");
        }

        return new RecentEvent(itemId, timestamp.Value, type.Value, value) { EventKey = eventKey };
    }

    public override void Write(Utf8JsonWriter writer, RecentEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(ItemIdName, value.ItemId);
        writer.WriteString(TimestampName, value.Timestamp);
        writer.WriteString(TypeName, TypeValues[(int)value.Type]);
        if (value.Value is { } number)
        {
            writer.WriteNumber(ValueName, number);
        }

        EventKeyJson.Write(writer, EventKeyName, value.EventKey);
        writer.WriteEndObject();
    }
}
