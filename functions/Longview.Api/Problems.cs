using Longview.Core.Batches;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>RFC 9457 problem+json answers; the type link is set here so it does not depend on a host's defaults.</summary>
public static class Problems
{
    public static IResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, type: TypeFor(status), extensions: extensions);

    public static IResult From(BatchFailure failure) => Create(failure.Status, failure.Title, failure.Detail);

    public static IResult TooLarge(long maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"The body is larger than the {maxBytes} bytes this server accepts; split it into smaller batches.");

    public static IResult NotFound(string title, string detail) => Create(StatusCodes.Status404NotFound, title, detail);

    /// <summary>400 for a path or query parameter, with a <c>parameter</c> member so clients need not parse the text.</summary>
    public static IResult InvalidParameter(string parameter, string reason, string title = "Invalid parameter") =>
        Create(StatusCodes.Status400BadRequest, title, $"{parameter}: {reason}", new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult UnsupportedMediaType(string? contentType) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", JsonMediaTypes.Refusal(contentType));

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        _ => "about:blank",
    };
}
