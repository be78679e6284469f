using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// Kestrel decodes "%2E" before it removes dot segments, so "/api/users/%2E%2E/profile" reaches routing as
/// "/api/profile" and the ids "." and ".." could never be read or erased. Before routing, this puts such encoded
/// segments back into the path as data; every other request keeps the server's path untouched.
/// </summary>
public static class EncodedDotSegments
{
    public static IApplicationBuilder UseEncodedDotSegments(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            Restore(context.Request);
            return next(context);
        });

    public static void Restore(HttpRequest request)
    {
        if (request.PathBase.HasValue || RequestTarget.EncodedPath(request) is not { } encoded
            || !encoded.Split('/').Any(s => s is not "." and not ".." && RequestTarget.DecodeExceptSlash(s) is "." or ".."))
        {
            return;
        }
        request.Path = new PathString("/" + string.Join('/', RequestTarget.Normalize(encoded).Select(RequestTarget.DecodeExceptSlash)));
    }
}
