using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// The one choice between JSON and CSV on routes that serve both (reports, segment members, campaign members): CSV for
/// <c>?format=csv</c> (what a link can ask for), JSON for <c>?format=json</c>; without the parameter, CSV when Accept
/// lists text/csv. Any other format is a 400 naming the parameter.
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
}
