using System.Net;
using Longview.Local.Security;

namespace Longview.Local.Tests.Security;

/// <summary>CORS is off (no Access-Control-* headers at all) unless origins are configured, and then only for those origins.</summary>
public sealed class CorsTests
{
    private const string Allowed = "https://dashboard.example.com";

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return request;
    }

    private static HttpRequestMessage CrossOriginGet(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static bool HasCorsHeaders(HttpResponseMessage response) =>
        response.Headers.Any(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Without_configured_origins_no_cors_headers_are_sent()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();

        var preflight = await client.SendAsync(Preflight(Allowed));
        var get = await client.SendAsync(CrossOriginGet(Allowed));

        Assert.False(HasCorsHeaders(preflight));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(HasCorsHeaders(get));
    }

    [Fact]
    public async Task A_configured_origin_is_allowed_and_others_are_not()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key, CorsOrigins = [Allowed] });
        using var client = app.Client();

        var preflight = await client.SendAsync(Preflight(Allowed));
        var get = await client.SendAsync(CrossOriginGet(Allowed));
        var otherPreflight = await client.SendAsync(Preflight("https://evil.example.net"));
        var otherGet = await client.SendAsync(CrossOriginGet("https://evil.example.net"));

        // The preflight carries no key, and is answered without one.
        Assert.True(preflight.IsSuccessStatusCode, $"preflight answered {(int)preflight.StatusCode}");
        Assert.Equal(Allowed, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Allowed, get.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(otherPreflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(otherGet.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
