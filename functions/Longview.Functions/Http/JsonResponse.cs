using Longview.Core.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>
/// A JSON answer written with <see cref="LongviewJson.Options"/>, the same conventions as the self-hosted host, without
/// depending on MVC's formatters (which the Functions ASP.NET Core integration does not configure).
/// </summary>
public sealed class JsonResponse(int statusCode, object body, string contentType = JsonResponse.Json) : IActionResult
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    public int StatusCode { get; } = statusCode;

    public object Body { get; } = body;

    public string ContentType { get; } = contentType;

    public static JsonResponse Ok(object body) => new(StatusCodes.Status200OK, body);

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        return response.WriteAsJsonAsync(Body, Body.GetType(), LongviewJson.Options, ContentType, context.HttpContext.RequestAborted);
    }
}
