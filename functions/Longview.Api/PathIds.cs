using Longview.Core.Events;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// Ids that travel in the path (user ids, run ids), read from the request target as the client escaped it, decoded
/// once, and checked with the event contract's id rule (Core's IdRule). Route values cannot be trusted for this: ASP.NET Core keeps
/// "%2F" encoded in them (and decodes "%252F" to the same text), so "a%2Fb" would address user "a%2Fb", not "a/b".
/// </summary>
public static class PathIds
{
    /// <summary>The id in the path segment <paramref name="fromEnd"/> places from the end (1 = the last), or the 400 answer naming <paramref name="parameter"/>.</summary>
    public static PathId Read(HttpRequest request, string parameter, int fromEnd)
    {
        var segments = RequestTarget.Segments(request);
        var id = segments.Count >= fromEnd ? segments[^fromEnd] : "";
        return IdRule.Problem(id) is { } reason
            ? new PathId(id, Problems.InvalidParameter(parameter, reason))
            : new PathId(id, null);
    }
}
