using Longview.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// The self-hosted app exactly as `longview serve` builds it, on Kestrel on a free loopback port: Kestrel (not the
/// test server) so that chunked framing, body limits, raw request targets and dot segments behave as in production.
/// </summary>
public sealed class SelfHostedApi : IApiHost
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly TempFolder _folder;

    private SelfHostedApi(WebApplication app, HttpClient client, TempFolder folder)
    {
        _app = app;
        _client = client;
        _folder = folder;
    }

    public string Name => "self-hosted";

    public bool RoutesDotSegmentIds => true;

    public IServiceProvider Services => _app.Services;

    public Uri BaseAddress => _client.BaseAddress!;

    public static async Task<SelfHostedApi> StartAsync(long maxBodyBytes)
    {
        var folder = new TempFolder();
        var app = LocalWebApp.Create(
            new LocalHostOptions { Urls = "http://127.0.0.1:0", DataFolder = folder.Path, SeedWhenEmpty = false, MaxRequestBodyBytes = maxBodyBytes },
            logging => logging.ClearProviders(),
            builder => builder.Configuration.AddInMemoryCollection(ApiRequests.ExperimentSettings));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SelfHostedApi(app, new HttpClient { BaseAddress = new Uri(address) }, folder);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        // The suite writes targets against http://localhost; send them, exactly as written, to this app's port.
        request.RequestUri = new Uri(_client.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.RequestUri!.PathAndQuery,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        return _client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
