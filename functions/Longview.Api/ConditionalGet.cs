using System.IO.Hashing;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Longview.Api;

/// <summary>
/// HTTP validation for answers that change rarely (daily reports, the serving model): a strong ETag computed from the
/// exact bytes of the representation, so JSON and CSV of the same rows differ and any change of content changes it;
/// a GET whose If-None-Match names it gets 304 with no body. <c>Cache-Control: no-cache</c> lets clients and proxies
/// keep the answer but ask again each time (a new report or a promotion must show at once).
/// </summary>
public static class ConditionalGet
{
    /// <summary>The answer for <paramref name="representation"/>: 304 when the client already holds it, else <paramref name="answer"/>.</summary>
    public static IResult Answer(HttpRequest request, string representation, IResult answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(representation);
        var tag = Of(representation);
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = tag.ToString();
        headers.CacheControl = "no-cache";
        return Matches(request, tag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : answer;
    }

    /// <summary>A strong tag: 128 bits of XxHash128 over the UTF-8 bytes.</summary>
    public static EntityTagHeaderValue Of(string representation) =>
        new($"\"{Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(representation)))}\"");

    /// <summary>RFC 9110 13.1.2: If-None-Match uses the weak comparison; <c>*</c> matches any current representation.</summary>
    private static bool Matches(HttpRequest request, EntityTagHeaderValue tag)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }
        var presented = request.GetTypedHeaders().IfNoneMatch;
        return presented.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(tag, useStrongComparison: false));
    }
}
