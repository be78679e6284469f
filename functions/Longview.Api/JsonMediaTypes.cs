using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Longview.Api;

/// <summary>
/// Every POST must say it carries JSON: a browser sends a cross-site request without a preflight only with no
/// Content-Type or a form/text one, so requiring JSON keeps any web page from writing to a keyless app.
/// </summary>
public static class JsonMediaTypes
{
    public static readonly string[] Accepted = ["application/json", "application/x-ndjson"];

    /// <summary>The detail of a 415 answer.</summary>
    public static string Refusal(string? contentType) =>
        $"{(string.IsNullOrEmpty(contentType) ? "No Content-Type" : $"Content-Type '{contentType}'")}: send {string.Join(" or ", Accepted)}.";

    /// <summary>null when the request declares JSON or NDJSON (any charset, or a +json type), else the 415 answer.</summary>
    public static IResult? Require(HttpRequest request)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) && parsed.MediaType.Value is { } mediaType
            && (Accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase)
                || mediaType.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        return Problems.UnsupportedMediaType(request.ContentType);
    }
}
