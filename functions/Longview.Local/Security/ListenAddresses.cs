using System.Net;

namespace Longview.Local.Security;

/// <summary>Tells loopback-only listen addresses from ones that expose the app to the network.</summary>
public static class ListenAddresses
{
    /// <summary>The addresses of <paramref name="urls"/> (';'-separated) that are not loopback; "*", "+" and 0.0.0.0 count as exposed.</summary>
    public static IReadOnlyList<string> Exposed(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToArray();

    public static bool IsLoopback(string url)
    {
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
