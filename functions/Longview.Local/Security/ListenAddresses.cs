using System.Net;

namespace Longview.Local.Security;

/// <summary>Tells loopback-only listen addresses from ones that expose the app to the network.</summary>
public static class ListenAddresses
{
    /// <summary>Configuration section of Kestrel's own endpoints (<c>Kestrel__Endpoints__E1__Url=...</c>); they override <c>--urls</c>.</summary>
    public const string KestrelEndpointsSection = "Kestrel:Endpoints";

    /// <summary>The addresses of <paramref name="urls"/> (';'-separated) that are not loopback; "*", "+" and 0.0.0.0 count as exposed.</summary>
    public static IReadOnlyList<string> Exposed(string urls) =>
        Exposed(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static IReadOnlyList<string> Exposed(IEnumerable<string> urls) => urls.Where(url => !IsLoopback(url)).ToArray();

    /// <summary>
    /// Every address the app is configured to listen on before it starts: <paramref name="urls"/> plus each
    /// <c>Kestrel:Endpoints:{name}:Url</c> of configuration (environment variables included).
    /// </summary>
    public static IReadOnlyList<string> Configured(string urls, IConfiguration configuration) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection(KestrelEndpointsSection).GetChildren()
                .Select(endpoint => endpoint["Url"])
                .OfType<string>()
                .Where(url => url.Length > 0))
            .ToArray();

    /// <summary>
    /// Why the app must not serve on <paramref name="addresses"/> with the protections <paramref name="applied"/>, or
    /// null when it may: a non-loopback address needs both the API key and the rate limit. <paramref name="bound"/>
    /// says whether the addresses are the server's bound ones or the configured ones (only the wording differs).
    /// </summary>
    public static string? Refusal(IEnumerable<string> addresses, AppliedSecurity applied, bool bound)
    {
        var exposed = Exposed(addresses);
        if (exposed.Count == 0 || (applied.ApiKey && applied.RateLimited))
        {
            return null;
        }
        var missing = (applied.ApiKey, applied.RateLimited) switch
        {
            (false, false) => "without an API key or a rate limit",
            (false, true) => "without an API key",
            _ => "without a rate limit",
        };
        var where = bound ? "the server is bound to" : "the app is configured to listen on";
        return $"Refusing to serve: {where} {string.Join(", ", exposed)} {missing}: anyone on the network could read profiles and write events. " +
            $"Set a key with --api-key, the {LocalSecurityOptions.ApiKeyEnvironmentVariable} environment variable or {LocalSecurityOptions.SectionName}:ApiKey " +
            $"(and leave {LocalSecurityOptions.SectionName}:RateLimit:Enabled unset or true), or listen on loopback only " +
            $"(the default, http://127.0.0.1:7071; check --urls, ASPNETCORE_URLS and {KestrelEndpointsSection}).";
    }

    public static bool IsLoopback(string url)
    {
        // A Unix domain socket (http://unix:/path) is reachable only through the file system of this machine.
        if (url.Contains("://unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // Kestrel accepts wildcard hosts that Uri refuses ("http://*:80", "http://+:80"): those bind every interface.
        var host = Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host
            : null;
        if (host is null or "wildcard")
        {
            return false;
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
