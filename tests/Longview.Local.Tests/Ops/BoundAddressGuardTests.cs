using System.Net;
using Longview.Local.Hosting;
using Longview.Local.Security;
using Longview.Local.Tests.Security;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Ops;

/// <summary>
/// The exposure guard looks at what the server listens on, not only at <c>--urls</c>: Kestrel endpoints from
/// configuration (<c>Kestrel__Endpoints__E1__Url=http://0.0.0.0:7093</c>) and addresses set in code count too.
/// </summary>
public sealed class BoundAddressGuardTests
{
    [Fact]
    public void A_kestrel_endpoint_from_configuration_on_all_interfaces_without_a_key_refuses_to_start()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions { DataFolder = folder.Path, SeedWhenEmpty = false };

        var error = Assert.Throws<InsecureListenException>(() => LocalWebApp.Create(options, logging => logging.ClearProviders(),
            builder => builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Kestrel:Endpoints:E1:Url", (string?)"http://0.0.0.0:0")])));

        Assert.Contains("http://0.0.0.0:0", error.Message);
        Assert.Contains("without an API key", error.Message);
        Assert.Contains("Kestrel:Endpoints", error.Message);
    }

    [Fact]
    public async Task A_kestrel_endpoint_from_configuration_with_a_key_is_rate_limited()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions { DataFolder = folder.Path, SeedWhenEmpty = false, Security = new LocalSecurityOptions { ApiKey = SecuredApp.Key } };

        await using var app = LocalWebApp.Create(options, logging => logging.ClearProviders(),
            builder => builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Kestrel:Endpoints:E1:Url", (string?)"http://0.0.0.0:0")]));

        Assert.Equal(new AppliedSecurity(ApiKey: true, Cors: false, RateLimited: true), app.Services.GetRequiredService<AppliedSecurity>());
    }

    [Fact]
    public async Task An_address_bound_in_code_on_all_interfaces_without_a_key_stops_the_server_before_it_serves()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions { Urls = "http://127.0.0.1:0", DataFolder = folder.Path, SeedWhenEmpty = false };
        await using var app = LocalWebApp.Create(options, logging => logging.ClearProviders(),
            builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Any, 0)));

        var error = await Assert.ThrowsAsync<InsecureListenException>(() => app.StartAsync());

        Assert.Contains("bound to http://0.0.0.0:", error.Message);
        Assert.Contains("without an API key", error.Message);
        // Nothing is left listening on the port the server had bound.
        var port = new Uri(error.Message.Split("bound to ")[1].Split(' ')[0].TrimEnd(',')).Port;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/api/health"));
    }

    [Fact]
    public async Task An_address_bound_in_code_with_a_key_but_the_rate_limit_switched_off_refuses_to_serve()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = folder.Path,
            SeedWhenEmpty = false,
            Security = new LocalSecurityOptions { ApiKey = SecuredApp.Key, RateLimit = new RequestRateLimitOptions { Enabled = false } },
        };
        await using var app = LocalWebApp.Create(options, logging => logging.ClearProviders(),
            builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Any, 0)));

        var error = await Assert.ThrowsAsync<InsecureListenException>(() => app.StartAsync());

        Assert.Contains("without a rate limit", error.Message);
    }

    [Fact]
    public async Task An_address_bound_in_code_on_all_interfaces_with_key_and_rate_limit_serves()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = folder.Path,
            SeedWhenEmpty = false,
            Security = new LocalSecurityOptions { ApiKey = SecuredApp.Key, RateLimit = new RequestRateLimitOptions { Enabled = true } },
        };
        await using var app = LocalWebApp.Create(options, logging => logging.ClearProviders(),
            builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Any, 0)));

        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}") };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        await app.StopAsync();
    }
}
