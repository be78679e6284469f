using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// The one choice between JSON and CSV on routes that serve both (reports, segment members, campaign members): CSV for
/// <c>?format=csv</c> (what a link can ask for), JSON for <c>?format=json</c>; without the parameter, CSV when Accept
/// lists text/csv. Any other format is a 400 naming the parameter. A CSV page names the next one in a Link header.
/// </summary>
public static class ResponseFormat
{
    public static bool? WantsCsv(HttpRequest request, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        var format = request.Query["format"];
        if (format.Count == 0)
        {
            return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        }
        if (format.Count == 1 && string.Equals(format[0], "csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (format.Count == 1 && string.Equals(format[0], "json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var shown = string.Join(",", format.ToArray());
        problem = Problems.InvalidParameter("format", $"format must be csv or json, got '{(shown.Length > 40 ? shown[..40] + "..." : shown)}'");
        return null;
    }

    /// <summary>
    /// The next page of a CSV answer, which has no body field for it: <c>Link: &lt;same path and query, cursor
    /// replaced&gt;; rel="next"</c> (RFC 8288), absent on the last page.
    /// </summary>
    public static void LinkNext(HttpRequest request, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cursor is null)
        {
            return;
        }
        var pairs = request.Query.Where(q => q.Key != "cursor").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        request.HttpContext.Response.Headers.Link = $"<{request.PathBase}{request.Path}?{string.Join('&', pairs.Append($"cursor={Uri.EscapeDataString(cursor)}"))}>; rel=\"next\"";
    }
}
