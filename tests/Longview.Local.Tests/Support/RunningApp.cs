using Longview.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Longview.Local.Tests.Support;

/// <summary>The real self-hosted app on Kestrel, on a free loopback port, over a given data folder.</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApp(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningApp> StartAsync(string dataFolder, long maxRequestBodyBytes = 4 * 1024 * 1024)
    {
        var options = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = dataFolder,
            SeedWhenEmpty = false,
            MaxRequestBodyBytes = maxRequestBodyBytes,
        };
        var app = LocalWebApp.Create(options, logging => logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
