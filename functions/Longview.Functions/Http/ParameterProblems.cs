using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>400 problem+json for a query parameter, with a <c>parameter</c> member naming it (as the self-hosted host answers).</summary>
public static class ParameterProblems
{
    public static JsonResponse Invalid(string parameter, string reason)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "Invalid parameter",
            Status = StatusCodes.Status400BadRequest,
            Detail = $"{parameter}: {reason}",
        };
        problem.Extensions["parameter"] = parameter;
        return new JsonResponse(StatusCodes.Status400BadRequest, problem, JsonResponse.ProblemJson);
    }
}
