using System.Net;
using System.Net.Http.Json;
using System.Text;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Longview.Core.Serving;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Serving;

/// <summary>The real self-hosted app on a free loopback port, polling for models every 100 ms.</summary>
internal sealed class ServingApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingApp(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IBlobStore Blobs => _app.Services.GetRequiredService<IBlobStore>();

    /// <summary>The stored profile with its internal parts (impressions), which the public profile route does not show.</summary>
    public async Task<Longview.Core.Profiles.UserProfile> StoredProfileAsync(string userId) =>
        (await _app.Services.GetRequiredService<IProfileStore>().GetAsync(userId))?.Profile ?? throw new InvalidOperationException($"no stored profile for {userId}");

    /// <summary>The host's own service (its stores, say), for what the public routes do not show.</summary>
    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="configureBuilder">Runs before the host registers its services (a test's model source wins over the ONNX one).</param>
    public static async Task<ServingApp> StartAsync(string dataFolder, bool logImpressions = false, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var options = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = dataFolder,
            SeedWhenEmpty = false,
            Serving = new LocalServingOptions { LogImpressions = logImpressions, ModelPollInterval = TimeSpan.FromMilliseconds(100) },
        };
        var app = LocalWebApp.Create(options, logging => logging.ClearProviders(), configureBuilder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServingApp(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Items item-1..item-n (the tiny model's vocabulary), in categories c0..c3 by id modulo 4.</summary>
    public async Task PostCatalogAsync(int n)
    {
        var items = string.Join(",", Enumerable.Range(1, n).Select(i => $$"""{"itemId":"item-{{i}}","title":"Title {{i}}","categories":["c{{i % 4}}"]}"""));
        var response = await Client.PostItemsAsync($"[{items}]");
        Assert.Equal(n, response.Accepted);
    }

    /// <summary>Views (not consumption) of the given items, one minute apart, ending an hour ago.</summary>
    public async Task PostViewsAsync(string userId, params int[] items)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(-items.Length);
        var events = string.Join(",", items.Select((item, i) =>
            $$"""{"eventId":"{{userId}}-v{{i}}","userId":"{{userId}}","itemId":"item-{{item}}","type":"view","timestamp":"{{start.AddMinutes(i):O}}"}"""));
        var response = await Client.PostEventsAsync($"[{events}]");
        Assert.Equal(items.Length, response.Accepted);
    }

    public async Task<Recommendation> RecommendAsync(string userId, string query = "")
    {
        var response = await Client.GetAsync($"/api/users/{Uri.EscapeDataString(userId)}/recommendations{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Recommendation>(LongviewJson.Options))!;
    }

    /// <summary>Polls until <paramref name="done"/> holds or 20 s pass (background work: model polling, impression writing).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public static Task PromoteAsync(IBlobStore blobs, string version) =>
        blobs.PutAsync("models", "current.json", Encoding.UTF8.GetBytes(
            $$"""{"version": "{{version}}", "path": "models/{{version}}/", "promotedAt": "2026-11-02T00:00:00Z", "metrics": {"ndcg@10": 0.5} }"""));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
