using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// The one reading of a paged route's <c>limit</c> query parameter: absent gives the route's default; otherwise exactly
/// one whole number in [1, max], or a 400 problem naming the parameter and the accepted range.
/// </summary>
public static class PageLimit
{
    public static int? Read(HttpRequest request, int defaultLimit, int maxLimit, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        var values = request.Query["limit"];
        if (values.Count == 0)
        {
            return defaultLimit;
        }
        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= maxLimit)
        {
            return limit;
        }
        var shown = values.ToString();
        problem = Problems.InvalidParameter("limit", $"'{(shown.Length > 40 ? shown[..40] + "..." : shown)}' is not a whole number from 1 to {maxLimit}");
        return null;
    }
}
