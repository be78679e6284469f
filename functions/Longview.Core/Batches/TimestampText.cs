using System.Text.Json;

namespace Longview.Core.Batches;

/// <summary>ISO-8601 timestamps of the contract: the strict ISO profile of System.Text.Json plus an explicit offset.</summary>
internal static class TimestampText
{
    /// <summary>Reads the current string token; null with a reason when it is not an ISO-8601 timestamp with an offset.</summary>
    public static DateTimeOffset? TryRead(ref Utf8JsonReader reader, out string? reason)
    {
        var text = reader.GetString()!;
        var time = text.IndexOfAny(['T', 't']);
        // Without an offset the instant is ambiguous (producer local time?): refuse rather than guess.
        if (time < 0 || text.AsSpan(time).IndexOfAny("Zz+-") < 0)
        {
            reason = $"'{Shorten(text)}' is not an ISO-8601 timestamp with an explicit offset (e.g. 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00)";
            return null;
        }

        if (!reader.TryGetDateTimeOffset(out var value))
        {
            reason = $"'{Shorten(text)}' is not a valid ISO-8601 timestamp";
            return null;
        }

        reason = null;
        return value;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
