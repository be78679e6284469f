using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longview.Core.Profiles;

/// <summary>
/// Reads and writes <see cref="RecentImpression"/> as <c>{"itemId","timestamp","eventKey"}</c> (the names the generic
/// serializer used, so stored profiles read either way) by hand: a profile keeps up to 256 of them, served lists add
/// ten per request, and the generic constructor-based path was the slowest part of reading a profile.
/// </summary>
public sealed class RecentImpressionJsonConverter : JsonConverter<RecentImpression>
{
    private static readonly JsonEncodedText ItemIdName = JsonEncodedText.Encode("itemId");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText EventKeyName = JsonEncodedText.Encode("eventKey");

    public override RecentImpression Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a recent impression must be an object");
        }

        string? itemId = null;
        DateTimeOffset? timestamp = null;
        ulong? eventKey = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ItemIdName.EncodedUtf8Bytes)) { reader.Read(); itemId = reader.GetString(); }
            else if (reader.ValueTextEquals(TimestampName.EncodedUtf8Bytes)) { reader.Read(); timestamp = reader.GetDateTimeOffset(); }
            else if (reader.ValueTextEquals(EventKeyName.EncodedUtf8Bytes)) { reader.Read(); eventKey = EventKeyJson.Read(ref reader); }
            else
            {
                reader.Read();
                // Skip() refuses partial input (stores read profiles from streams); the value is buffered, so TrySkip succeeds.
                if (!reader.TrySkip())
                {
                    throw new JsonException("an unknown recent-impression field could not be skipped");
                }
            }
        }

        if (itemId is null || timestamp is null || eventKey is null)
        {
            throw new JsonException("a recent impression needs itemId, timestamp and eventKey");
        }

        return new RecentImpression(itemId, timestamp.Value, eventKey.Value);
    }

    public override void Write(Utf8JsonWriter writer, RecentImpression value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(ItemIdName, value.ItemId);
        writer.WriteString(TimestampName, value.Timestamp);
        EventKeyJson.Write(writer, EventKeyName, value.EventKey);
        writer.WriteEndObject();
    }
}
