namespace Longview.Local.Api;

/// <summary>400 problem+json for a query parameter, with a <c>parameter</c> member so clients need not parse the text.</summary>
internal static class ParameterProblems
{
    public static IResult Invalid(string parameter, string reason) =>
        TypedResults.Problem(
            title: "Invalid parameter",
            detail: $"{parameter}: {reason}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
