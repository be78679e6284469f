using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Longview.Local.Security;
using Longview.Local.Tests.Security;

namespace Longview.Local.Tests.Ops;

/// <summary>
/// DNS rebinding: a page on attacker.example whose name is rebound to 127.0.0.1 sends <c>Host: attacker.example</c>.
/// Without a key only loopback names are served; the list is configurable.
/// </summary>
public sealed class HostAllowListTests
{
    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:7071")]
    [InlineData("127.0.0.1.attacker.example")]
    public async Task A_keyless_app_refuses_a_foreign_host_name(string host)
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();

        using var health = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { Host = host } };
        using var events = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Headers = { Host = host },
            Content = new StringContent("""{"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"2026-01-01T00:00:00Z"}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var refused = await client.SendAsync(health);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Invalid Hostname", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(events)).StatusCode);
        // The event never reached the store.
        Assert.Null(await app.Services.GetRequiredService<Longview.Core.Ports.IProfileStore>().GetAsync("u1"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task A_keyless_app_serves_loopback_names(string name)
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { Host = $"{name}:{app.Address.Port}" } };

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_allow_list_is_configurable()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { AllowedHosts = ["longview.internal"] });
        using var client = app.Client();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { Host = "longview.internal" } };
        using var loopback = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { Host = "localhost" } };

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(allowed)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(loopback)).StatusCode);
    }

    [Fact]
    public async Task With_a_key_any_host_name_is_served()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var client = app.Client(SecuredApp.Key);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { Host = "longview.example.com" } };

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
