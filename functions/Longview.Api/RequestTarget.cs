using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Longview.Api;

/// <summary>The path of the request target as the client sent it, split into segments, each percent-decoded exactly once.</summary>
public static partial class RequestTarget
{
    public static IReadOnlyList<string> Segments(HttpRequest request)
    {
        if (EncodedPath(request) is { } encoded)
        {
            return Normalize(encoded).Select(Uri.UnescapeDataString).ToList();
        }
        // No origin-form target (an absolute-form proxy request, a bare HttpContext): the server's path, in which
        // only "%2F" is still encoded, is all there is.
        return Normalize((request.PathBase + request.Path).Value ?? "/").Select(s => SlashEscape().Replace(s, "/")).ToList();
    }

    /// <summary>The raw path of an origin-form target ("/api/users/a%2Fb?x" gives "/api/users/a%2Fb"), else null.</summary>
    public static string? EncodedPath(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return null;
        }
        var end = raw.IndexOfAny(['?', '#']);
        return end < 0 ? raw : raw[..end];
    }

    /// <summary>
    /// RFC 3986 dot-segment removal on the still-encoded path: only a literal "." or ".." is path syntax; "%2E" and
    /// "%2E%2E" are data (the ids "." and ".."), which servers lose when they normalise after decoding.
    /// </summary>
    public static List<string> Normalize(string encodedPath)
    {
        var segments = new List<string>();
        var parts = encodedPath.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            switch (parts[i])
            {
                case ".":
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }
                    break;
                case "" when i == parts.Length - 1:
                    break; // a trailing slash, which routing ignores too
                default:
                    segments.Add(parts[i]);
                    break;
            }
        }
        return segments;
    }

    /// <summary>Decodes a raw segment the way servers decode paths: everything but "%2F", which would change the segments.</summary>
    public static string DecodeExceptSlash(string segment) =>
        string.Join("%2F", SlashEscape().Split(segment).Select(Uri.UnescapeDataString));

    [GeneratedRegex("%2F", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SlashEscape();
}
