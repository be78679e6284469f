using Longview.Api;
using Microsoft.Extensions.Primitives;

namespace Longview.Local.Security;

/// <summary>
/// The Host allow-list (DNS rebinding: a foreign page whose name now resolves to 127.0.0.1 still sends its own name).
/// ASP.NET Core's host matching (<see cref="HostString.MatchesAny"/>: ports ignored, "*.example" wildcards, "*" for
/// any) with the product's 400 problem+json, where the framework's HostFiltering middleware answers an HTML page.
/// </summary>
internal sealed class AllowedHostsMiddleware(RequestDelegate next, IReadOnlyList<string> allowedHosts)
{
    private readonly bool _any = allowedHosts.Contains("*");
    private readonly List<StringSegment> _patterns = [.. allowedHosts.Select(h => new StringSegment(h))];

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (_any || (host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _patterns)))
        {
            return next(context);
        }
        return Problems.Create(
                StatusCodes.Status400BadRequest,
                "Host not allowed",
                "Invalid Hostname: this server answers only the names in Longview:Security:AllowedHosts (loopback names when no API key is set).")
            .ExecuteAsync(context);
    }
}
