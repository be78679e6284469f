using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Longview.Core.Events;

namespace Longview.Core.Import;

/// <summary>
/// Parses one line of the Amazon reviews (2014) JSON-lines files, e.g. Musical_Instruments 5-core:
/// <c>reviewerID</c> (user), <c>asin</c> (item), <c>overall</c> (1-5 stars), <c>unixReviewTime</c> (UTC seconds).
/// Each line becomes a <see cref="EventType.Rating"/> with value = overall at that instant; other fields are ignored.
/// Event id: <c>amazon-review:{reviewerID}:{asin}</c> (one review per user and product), so re-imports are idempotent.
/// </summary>
public static class AmazonReviewsFormat
{
    public const int MaxLineLength = 64 * 1024;
    public const int MaxIdLength = 128;

    public static bool TryParse(string line, int index, [NotNullWhen(true)] out UserEvent? userEvent, [NotNullWhen(false)] out EventError? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        userEvent = null;
        if (line.Length > MaxLineLength)
        {
            error = new EventError(index, null, "line", $"longer than {MaxLineLength} characters");
            return false;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = new EventError(index, null, "line", $"not a JSON object: {e.Message}");
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new EventError(index, null, "line", $"expected a JSON object, got {root.ValueKind}");
                return false;
            }
            if (!TryString(root, "reviewerID", index, null, out var user, out error)
                || !TryString(root, "asin", index, null, out var item, out error))
            {
                return false;
            }
            var eventId = $"amazon-review:{user}:{item}";
            if (!root.TryGetProperty("overall", out var overallElement) || overallElement.ValueKind != JsonValueKind.Number
                || !overallElement.TryGetDouble(out var overall) || !double.IsFinite(overall))
            {
                error = new EventError(index, eventId, "overall", "missing or not a finite number");
                return false;
            }
            if (!root.TryGetProperty("unixReviewTime", out var timeElement) || timeElement.ValueKind != JsonValueKind.Number
                || !timeElement.TryGetInt64(out var seconds))
            {
                error = new EventError(index, eventId, "unixReviewTime", "missing or not an integer number of seconds");
                return false;
            }
            if (seconds < 0 || seconds > 253_402_300_799)
            {
                error = new EventError(index, eventId, "unixReviewTime", $"{seconds.ToString(CultureInfo.InvariantCulture)} is outside 1970-01-01..9999-12-31");
                return false;
            }
            userEvent = new UserEvent(eventId, user, item, EventType.Rating, DateTimeOffset.FromUnixTimeSeconds(seconds), overall);
            error = null;
            return true;
        }
    }

    private static bool TryString(JsonElement root, string name, int index, string? eventId, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out EventError? error)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            error = new EventError(index, eventId, name, "missing or not a string");
            return false;
        }
        value = element.GetString()!;
        if (value.Length is 0 or > MaxIdLength)
        {
            error = new EventError(index, eventId, name, $"must be 1..{MaxIdLength} characters, got {value.Length}");
            value = null;
            return false;
        }
        error = null;
        return true;
    }
}
