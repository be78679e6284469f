using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Api;

/// <summary>The HTTP plumbing every route shares: liveness, problem+json, body limits.</summary>
public sealed class HostBehaviourTests
{
    [Fact]
    public async Task Health_answers_ok()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        var health = JsonNode.Parse(await app.Client.GetStringAsync("/api/health"))!;

        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        var response = await app.Client.GetAsync("/api/users/nobody/profile");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Unknown user", (string?)problem["title"]);
        Assert.Contains("nobody", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_nothing_is_stored()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path, maxRequestBodyBytes: 1_000);
        var line = """{"eventId":"e-{0}","userId":"big","itemId":"i1","type":"view","timestamp":"2025-01-01T00:00:00Z"}""";
        var body = string.Join('\n', Enumerable.Range(0, 50).Select(i => line.Replace("{0}", i.ToString())));

        var response = await app.Client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1000 bytes", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/users/big/profile")).StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem_too()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path, maxRequestBodyBytes: 1_000);
        // No Content-Length: Kestrel only finds out while reading.
        var content = new StreamContent(new MemoryStream(new byte[5_000]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/items") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Client.SendAsync(request);

        await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/events")]
    [InlineData("/api/items")]
    public async Task An_unreadable_body_is_a_400_problem(string route)
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        var response = await app.Client.PostAsync(route, new StringContent("[{\"eventId\": ", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
    }
}
