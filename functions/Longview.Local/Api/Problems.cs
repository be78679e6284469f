using Longview.Core.Batches;

namespace Longview.Local.Api;

/// <summary>RFC 9457 problem+json answers for whole-request failures.</summary>
internal static class Problems
{
    public static IResult TooLarge(HttpRequest request) =>
        TypedResults.Problem(
            title: "Body too large",
            detail: $"The body is larger than the {request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes this server accepts; split it into smaller batches.",
            statusCode: StatusCodes.Status413PayloadTooLarge);

    public static IResult From(BatchFailure failure) =>
        TypedResults.Problem(title: failure.Title, detail: failure.Detail, statusCode: failure.Status);

    public static IResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);
}
