using Longview.Local.Hosting;
using Longview.Local.Security;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Security;

/// <summary>The real app on Kestrel (free loopback port) with given security settings and, optionally, a log sink.</summary>
internal sealed class SecuredApp : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    private SecuredApp(WebApplication app, TempFolder folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SecuredApp> StartAsync(LocalSecurityOptions security, long maxRequestBodyBytes = 4 * 1024 * 1024, ILoggerProvider? logs = null)
    {
        var folder = new TempFolder();
        var options = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = folder.Path,
            SeedWhenEmpty = false,
            MaxRequestBodyBytes = maxRequestBodyBytes,
            Security = security,
        };
        var app = LocalWebApp.Create(options, logging =>
        {
            logging.ClearProviders();
            if (logs is not null)
            {
                logging.AddProvider(logs);
                logging.SetMinimumLevel(LogLevel.Trace);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecuredApp(app, folder, new Uri(address));
    }

    /// <summary>A client that sends no key, or <paramref name="apiKey"/> in the x-api-key header.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyVerifier.HeaderName, apiKey);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
