using System.Text.Json;

namespace Longview.Core.Batches;

/// <summary>
/// Reads the text of the current string token or property name of a batch element. The JSON grammar lets through
/// text that is not Unicode (raw bytes that are not UTF-8, an escaped lone surrogate such as <c>"\ud800"</c>); the
/// reader only finds out when it decodes the token, and then throws. Here that is one field's problem, not the batch's.
/// </summary>
internal static class JsonText
{
    public const string NotUnicode = "is not valid Unicode (invalid UTF-8, or an escaped unpaired surrogate such as \\ud800)";

    /// <summary>The token's text, or null with <see cref="NotUnicode"/> as the reason.</summary>
    public static string? TryGetString(ref Utf8JsonReader reader, out string? reason)
    {
        try
        {
            reason = null;
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            reason = NotUnicode;
            return null;
        }
    }

    /// <summary>
    /// Why the element holds more than its one JSON value: anything but whitespace after the value that ended at
    /// <paramref name="end"/> (two objects on one NDJSON line, <c>{...}{...}</c>), or null.
    /// </summary>
    public static string? TrailingContent(ReadOnlySpan<byte> json, long end)
    {
        var rest = json[(int)end..];
        var content = rest.IndexOfAnyExcept(" \t\r\n"u8);
        return content < 0
            ? null
            : $"more than one JSON value: a second one starts at byte {end + content}; send one value per NDJSON line, or a JSON array";
    }
}
