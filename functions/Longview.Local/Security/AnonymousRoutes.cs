using Longview.Api;
using Longview.Local.Api;

namespace Longview.Local.Security;

/// <summary>The only requests served without the API key or a rate limit: liveness and readiness probes, the API description and its docs UI.</summary>
internal static class AnonymousRoutes
{
    public static bool Includes(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.Equals("/api/health", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/api/health/ready", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(OpenApiDocument.Route, StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments(ApiDocs.PageRoute, StringComparison.OrdinalIgnoreCase));
}
