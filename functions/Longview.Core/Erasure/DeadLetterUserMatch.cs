using System.Text.Json;

namespace Longview.Core.Erasure;

/// <summary>
/// Decides whether a dead letter's raw payload concerns a user. A letter may be one event, a whole JSON array or NDJSON
/// message (when the event could not be split out), cut at a length limit, or not JSON at all; erring towards erasing
/// is the safe side, so anything that is not readable JSON matches when it contains the id as a JSON string.
/// </summary>
public static class DeadLetterUserMatch
{
    public static bool Concerns(string rawPayload, string userId)
    {
        ArgumentNullException.ThrowIfNull(rawPayload);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        try
        {
            using var document = JsonDocument.Parse(rawPayload);
            return Mentions(document.RootElement, userId);
        }
        catch (JsonException)
        {
            // NDJSON, truncated or garbage: look for the id as a quoted JSON string, escaped or as received.
            return rawPayload.Contains(JsonSerializer.Serialize(userId), StringComparison.Ordinal)
                   || rawPayload.Contains($"\"{userId}\"", StringComparison.Ordinal);
        }
    }

    private static bool Mentions(JsonElement element, string userId) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p =>
            p.NameEquals("userId") && p.Value.ValueKind == JsonValueKind.String && p.Value.ValueEquals(userId)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => Mentions(e, userId)),
        // A JSON string can hold an escaped event (a producer that double-encoded); check inside it too.
        JsonValueKind.String => element.GetString() is { } text && text.Contains($"\"{userId}\"", StringComparison.Ordinal),
        _ => false,
    };
}
