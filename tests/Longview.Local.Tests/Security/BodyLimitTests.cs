using System.Net;
using System.Net.Http.Headers;
using Longview.Local.Security;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Security;

/// <summary>
/// Every route that accepts a body refuses one over the limit with 413 problem+json, found from the app's own endpoint
/// table so that a route added later is covered without editing this test.
/// </summary>
public sealed class BodyLimitTests
{
    private const long Limit = 2_000;

    private static readonly string[] BodyMethods = ["POST", "PUT", "PATCH"];

    [Fact]
    public async Task Every_body_route_answers_413_to_an_oversized_body_with_or_without_a_length()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key }, maxRequestBodyBytes: Limit);
        using var client = app.Client(SecuredApp.Key);
        var routes = BodyRoutes(app.Services);
        Assert.Contains(("POST", "/api/events", true), routes);
        Assert.Contains(("POST", "/api/items", true), routes);

        var failures = new List<string>();
        foreach (var (method, path, readsBody) in routes)
        {
            // A chunked body is only bounded while read: a route that ignores its body never sees one (Kestrel discards it).
            foreach (var chunked in readsBody ? new[] { false, true } : [false])
            {
                HttpContent content = chunked ? new StreamContent(new MemoryStream(new byte[Limit * 3])) : new ByteArrayContent(new byte[Limit * 3]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
                request.Headers.TransferEncodingChunked = chunked;
                // Kestrel drops a connection whose unread body is over the limit: do not reuse it for the next route.
                request.Headers.ConnectionClose = true;
                var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge)
                {
                    failures.Add($"{method} {path} ({(chunked ? "chunked" : "with length")}): {(int)response.StatusCode}");
                }
                else
                {
                    await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
                }
            }
        }
        Assert.True(failures.Count == 0, "routes that accepted an oversized body: " + string.Join("; ", failures));
    }

    private static List<(string Method, string Path, bool ReadsBody)> BodyRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Intersect(BodyMethods)
                .Select(m => (m, Concrete(e.RoutePattern.RawText!), e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)))
            .Distinct()
            .ToList();

    // Route parameters get a plain value: the limit applies before any handler looks at them.
    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "x1");
}
