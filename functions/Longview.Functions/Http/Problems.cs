using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>RFC 9457 problem+json answers, the same shape as the self-hosted host's.</summary>
public static class Problems
{
    public static JsonResponse Create(int status, string title, string detail, string? instance = null) =>
        new(status, new ProblemDetails
        {
            Type = $"https://httpstatuses.io/{status}",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = instance,
        }, JsonResponse.ProblemJson);

    public static JsonResponse BadRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static JsonResponse NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static JsonResponse PayloadTooLarge(long maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the request body is larger than {maxBytes} bytes");
}
