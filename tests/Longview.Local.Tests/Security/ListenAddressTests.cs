using Longview.Local.Hosting;
using Longview.Local.Security;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Security;

/// <summary>Loopback by default; exposing the app without an API key refuses to start, with a message that says how to fix it.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public void The_default_address_is_ipv4_loopback()
    {
        Assert.Equal("http://127.0.0.1:7071", LocalHostOptions.DefaultUrls);
        Assert.Equal(LocalHostOptions.DefaultUrls, new LocalHostOptions().Urls);
        Assert.Empty(ListenAddresses.Exposed(LocalHostOptions.DefaultUrls));
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://127.0.0.2:80", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://192.168.1.10:7071", false)]
    [InlineData("http://example.com:7071", false)]
    [InlineData("not a url", false)]
    public void Loopback_is_told_from_exposed(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0;http://*:0")]
    public void A_non_loopback_address_without_a_key_refuses_to_start(string urls)
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions { Urls = urls, DataFolder = folder.Path, SeedWhenEmpty = false };

        var error = Assert.Throws<InsecureListenException>(() => LocalWebApp.Create(options));

        Assert.Contains("without an API key", error.Message);
        Assert.Contains("--api-key", error.Message);
        Assert.Contains(LocalSecurityOptions.ApiKeyEnvironmentVariable, error.Message);
        Assert.Contains(ListenAddresses.Exposed(urls)[0], error.Message);
    }

    [Fact]
    public async Task A_non_loopback_address_with_a_key_starts_and_is_rate_limited()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions
        {
            Urls = "http://0.0.0.0:0",
            DataFolder = folder.Path,
            SeedWhenEmpty = false,
            Security = new LocalSecurityOptions { ApiKey = SecuredApp.Key },
        };

        await using var app = LocalWebApp.Create(options, logging => logging.ClearProviders());

        Assert.Equal(new AppliedSecurity(ApiKey: true, Cors: false, RateLimited: true), app.Services.GetRequiredService<AppliedSecurity>());
    }

    [Fact]
    public void A_short_key_refuses_to_start()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions { DataFolder = folder.Path, SeedWhenEmpty = false, Security = new LocalSecurityOptions { ApiKey = "short" } };

        var error = Assert.Throws<InsecureListenException>(() => LocalWebApp.Create(options));

        Assert.Contains("at least 16 characters", error.Message);
    }

    [Fact]
    public void The_key_comes_from_the_command_line_then_the_environment_then_configuration()
    {
        IConfiguration Config(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

        var section = Config(("Longview:Security:ApiKey", "from-section-000000"));
        var both = Config(("Longview:Security:ApiKey", "from-section-000000"), ("LONGVIEW_API_KEY", "from-environment-0000"));

        Assert.Equal("from-section-000000", LocalSecurity.Resolve(null, section).ApiKey);
        Assert.Equal("from-environment-0000", LocalSecurity.Resolve(null, both).ApiKey);
        Assert.Equal("from-cli-0000000000", LocalSecurity.Resolve(new LocalSecurityOptions { ApiKey = "from-cli-0000000000" }, both).ApiKey);
        Assert.Null(LocalSecurity.Resolve(new LocalSecurityOptions(), Config(("Longview:Security:ApiKey", ""))).ApiKey);
    }
}
