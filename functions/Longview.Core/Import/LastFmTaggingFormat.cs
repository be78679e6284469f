using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Longview.Core.Events;

namespace Longview.Core.Import;

/// <summary>
/// Parses one line of Last.fm HetRec 2011 <c>user_taggedartists.dat</c>: tab-separated
/// <c>userID artistID tagID day month year</c> after a header row, CRLF or LF line ends.
/// Each line becomes a <see cref="EventType.Like"/> of the artist (tagging is an explicit, positive-leaning
/// engagement; the dataset has no plays with dates) at that UTC day 00:00, with the tag in context["tagId"].
/// Event id: <c>lastfm-tag:{user}:{artist}:{tag}</c> (the triple is unique in the dataset), so re-imports are idempotent.
/// </summary>
public static class LastFmTaggingFormat
{
    public const string Header = "userID\tartistID\ttagID\tday\tmonth\tyear";
    public const int MaxLineLength = 256;

    private static readonly string[] FieldNames = ["userID", "artistID", "tagID", "day", "month", "year"];

    /// <summary>Whether the line is the header row (to be skipped).</summary>
    public static bool IsHeader(string line) => line.TrimEnd('\r', '\n') == Header;

    /// <summary>Parses one data line; <paramref name="index"/> is the line's position, reported in errors.</summary>
    public static bool TryParse(string line, int index, [NotNullWhen(true)] out UserEvent? userEvent, [NotNullWhen(false)] out EventError? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        userEvent = null;
        if (line.Length > MaxLineLength)
        {
            error = new EventError(index, null, "line", $"longer than {MaxLineLength} characters");
            return false;
        }
        var fields = line.TrimEnd('\r', '\n').Split('\t');
        if (fields.Length != 6)
        {
            error = new EventError(index, null, "line", $"expected 6 tab-separated fields, got {fields.Length}");
            return false;
        }
        var values = new int[6];
        for (var i = 0; i < 6; i++)
        {
            if (!int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                error = new EventError(index, null, FieldNames[i], $"'{Shorten(fields[i])}' is not a non-negative integer");
                return false;
            }
        }
        var (user, artist, tag, day, month, year) = (values[0], values[1], values[2], values[3], values[4], values[5]);
        var eventId = $"lastfm-tag:{user}:{artist}:{tag}";
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = new EventError(index, eventId, "day", $"{year:D4}-{month:D2}-{day:D2} is not a calendar date");
            return false;
        }
        var timestamp = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        var context = new Dictionary<string, string>(StringComparer.Ordinal) { ["tagId"] = tag.ToString(CultureInfo.InvariantCulture) };
        userEvent = new UserEvent(eventId, user.ToString(CultureInfo.InvariantCulture), artist.ToString(CultureInfo.InvariantCulture),
            EventType.Like, timestamp, Context: context);
        error = null;
        return true;
    }

    private static string Shorten(string value) => value.Length <= 32 ? value : value[..32] + "...";
}
