using Longview.Core.Batches;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>RFC 9457 problem+json answers, with the same titles and type links as the self-hosted host (ASP.NET Core's defaults).</summary>
public static class Problems
{
    public static JsonResponse Create(int status, string title, string detail) =>
        new(status, new ProblemDetails
        {
            Type = TypeFor(status),
            Title = title,
            Status = status,
            Detail = detail,
        }, JsonResponse.ProblemJson);

    public static JsonResponse From(BatchFailure failure) => Create(failure.Status, failure.Title, failure.Detail);

    public static JsonResponse TooLarge(long maxBytes) =>
        From(BatchFailure.TooLarge($"The body is larger than the {maxBytes} bytes this server accepts; split it into smaller batches."));

    public static JsonResponse NotFound(string title, string detail) => Create(StatusCodes.Status404NotFound, title, detail);

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        _ => "about:blank",
    };
}
