using System.Buffers.Text;
using System.Text.Json;

namespace Longview.Core.Profiles;

/// <summary>
/// An eventId hash (<see cref="RecentEvent.EventKey"/>, <see cref="RecentImpression.EventKey"/>) in the profile's JSON:
/// written as a decimal string, because a store that reads JSON numbers as doubles rounds a 64-bit hash (the Cosmos
/// emulator does past 2^53; Cosmos DB's own query reference, IS_INTEGER, counts only signed 64-bit values as integers,
/// and half of all hashes are above that), and a rounded impression key no longer recognises its redelivery.
/// Documents written before kept it as a number, which is read too.
/// </summary>
internal static class EventKeyJson
{
    public static ulong Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetUInt64();
        }
        // Digits are never escaped; a value split across buffers is at most 20 of them.
        ReadOnlySpan<byte> digits = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (reader.ValueIsEscaped || !Utf8Parser.TryParse(digits, out ulong key, out var consumed) || consumed != digits.Length)
        {
            throw new JsonException($"an eventKey must be the decimal digits of a 64-bit unsigned integer, got '{reader.GetString()}'");
        }
        return key;
    }

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, ulong key)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(key, digits, out var written);
        writer.WriteString(name, digits[..written]);
    }
}
