using System.Text;

namespace Longview.Core.Privacy;

/// <summary>
/// Replaces the user id in URL paths (<c>/api/users/{userId}/…</c>, a Cosmos document path of the profiles container)
/// with its <see cref="UserIdHash"/>, so telemetry that records URLs (request and dependency URLs and names, request log
/// lines) names users the same way the app's own logs do. Pure text in, text out: the Functions app's telemetry
/// processor calls it on every field that may hold a URL.
/// </summary>
public sealed class UserIdPathRewrite
{
    /// <summary>The API routes: <c>users/{userId}</c>, <c>users/{userId}/profile</c>, <c>users/{userId}/recommendations</c>.</summary>
    public const string ApiRoutesMarker = "users";

    /// <summary>Longer text is not scanned but replaced whole: telemetry fields are bounded well below this.</summary>
    public const int MaxTextLength = 32 * 1024;

    public const string TooLongPlaceholder = "[redacted: text longer than 32768 characters]";

    private readonly UserIdHash _hash;
    private readonly string[][] _markers;

    /// <param name="hash">The keyed hash that also names users in the app's logs.</param>
    /// <param name="markers">Path segments after which a user id follows, e.g. <c>users</c> or <c>colls/profiles/docs</c>.</param>
    public UserIdPathRewrite(UserIdHash hash, IEnumerable<string> markers)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(markers);
        _hash = hash;
        _markers = markers.Select(ParseMarker).ToArray();
        if (_markers.Length == 0)
        {
            throw new ArgumentException("At least one marker is needed.", nameof(markers));
        }
    }

    /// <summary>The marker of a Cosmos DB document URL (gateway mode) in the container keyed by user id.</summary>
    public static string CosmosDocumentsMarker(string profilesContainer) => $"colls/{profilesContainer}/docs";

    /// <summary>
    /// The text with every path segment that follows a marker replaced by the hash of that segment (percent-decoded, so
    /// the hash equals <see cref="UserIdHash.Of"/> of the id). A segment ends at '/', '?', '#' or the end of the text.
    /// </summary>
    public string Rewrite(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            return TooLongPlaceholder;
        }

        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!StartsSegment(text, i) || !TryMatchMarker(text, i, out var idStart))
            {
                i++;
                continue;
            }
            var idEnd = idStart;
            while (idEnd < text.Length && text[idEnd] is not ('/' or '?' or '#'))
            {
                idEnd++;
            }
            if (idEnd > idStart)
            {
                result ??= new StringBuilder(text.Length + 32);
                result.Append(text, copied, idStart - copied).Append(_hash.Of(Uri.UnescapeDataString(text[idStart..idEnd])));
                copied = idEnd;
            }
            i = idEnd;
        }
        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    // A marker matches only as whole segments: "/api/users/x" yes, "/api/superusers/x" no.
    private static bool StartsSegment(string text, int index) =>
        index == 0 || !(char.IsAsciiLetterOrDigit(text[index - 1]) || text[index - 1] is '-' or '.' or '_' or '~' or '%');

    private bool TryMatchMarker(string text, int start, out int idStart)
    {
        foreach (var segments in _markers)
        {
            var position = start;
            var matched = true;
            foreach (var segment in segments)
            {
                if (position + segment.Length >= text.Length
                    || string.Compare(text, position, segment, 0, segment.Length, StringComparison.OrdinalIgnoreCase) != 0
                    || text[position + segment.Length] != '/')
                {
                    matched = false;
                    break;
                }
                position += segment.Length + 1;
            }
            if (matched)
            {
                idStart = position;
                return true;
            }
        }
        idStart = -1;
        return false;
    }

    private static string[] ParseMarker(string marker)
    {
        var segments = marker.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s.IndexOfAny(['?', '#']) >= 0))
        {
            throw new ArgumentException($"Marker '{marker}' must be one or more path segments without '?' or '#'.", nameof(marker));
        }
        return segments;
    }
}
