using System.Text.Json;

namespace Longview.Core.Batches;

/// <summary>ISO-8601 timestamps of the contract: the strict ISO profile of System.Text.Json plus an explicit offset.</summary>
internal static class TimestampText
{
    /// <summary>Reads the current string token; null with a reason when it is not an ISO-8601 timestamp with an offset.</summary>
    public static DateTimeOffset? TryRead(ref Utf8JsonReader reader, out string? reason)
    {
        try
        {
            // Without an offset the instant is ambiguous (producer local time?): refuse rather than guess.
            if (HasExplicitOffset(ref reader) && reader.TryGetDateTimeOffset(out var value))
            {
                reason = null;
                return value;
            }
        }
        catch (InvalidOperationException)
        {
            reason = JsonText.NotUnicode;
            return null;
        }

        // The text is only decoded to explain a refusal: the common case allocates nothing.
        var text = JsonText.TryGetString(ref reader, out reason);
        if (text is not null)
        {
            reason = HasExplicitOffset(ref reader)
                ? $"'{Shorten(text)}' is not a valid ISO-8601 timestamp"
                : $"'{Shorten(text)}' is not an ISO-8601 timestamp with an explicit offset (e.g. 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00)";
        }

        return null;
    }

    /// <summary>The part after the date-time separator names an offset ('Z' or ±hh:mm): the time part itself has none of those characters.</summary>
    private static bool HasExplicitOffset(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            var text = reader.GetString()!;
            var t = text.IndexOfAny(['T', 't']);
            return t >= 0 && text.AsSpan(t).IndexOfAny("Zz+-") >= 0;
        }

        var span = reader.ValueSpan;
        var time = span.IndexOfAny((byte)'T', (byte)'t');
        return time >= 0 && span[time..].IndexOfAny("Zz+-"u8) >= 0;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
