using System.Net;
using System.Text;
using Longview.Core.Privacy;
using Longview.Local.Security;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Security;

/// <summary>No user id appears in clear in any log entry at Information or above, whatever the requests.</summary>
public sealed class UserIdLoggingTests
{
    // Distinctive ids: a match can only come from logging the id itself.
    private const string User = "zq-user-7f3a91";
    private const string Other = "zq-user-c02b44";

    [Fact]
    public async Task Ingest_profile_recommendations_and_erasure_log_no_user_id_in_clear()
    {
        var logs = new CapturedLogs();
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key }, logs: logs);
        using var client = app.Client(SecuredApp.Key);
        var events = string.Join('\n',
            $$"""{"eventId":"e1","userId":"{{User}}","itemId":"i1","type":"view","timestamp":"2025-03-01T10:00:00Z"}""",
            $$"""{"eventId":"e2","userId":"{{User}}","itemId":"i2","type":"hover","timestamp":"2025-03-01T10:00:00Z"}""",
            $$"""{"eventId":"e3","userId":"{{Other}}","itemId":"i1","type":"click","timestamp":"2025-03-01T10:00:00Z"}""");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/events", new StringContent(events, Encoding.UTF8, "application/x-ndjson"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/users/{User}/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/users/zq-user-unknown/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/users/{User}/profile")).StatusCode);
        Assert.True(MapsRecommendations(app.Services));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/users/{User}/recommendations?count=5&explain=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/users/{Other}/recommendations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users/zq-user-unknown/recommendations")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/users/{User}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/users/zq-user-never-seen")).StatusCode);

        var visible = logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        // The erasure is logged (by hash): proves the capture sees the app's own Information entries.
        var hash = app.Services.GetRequiredService<UserIdHash>().Of(User);
        Assert.Contains(visible, e => e.Message.Contains(hash, StringComparison.Ordinal));
        var leaks = visible
            .Where(e => new[] { e.Message, e.Exception ?? "" }.Concat(e.Values).Any(text => text.Contains("zq-user-", StringComparison.Ordinal)))
            .Select(e => $"[{e.Level}] {e.Category}: {e.Message}")
            .ToList();
        Assert.True(leaks.Count == 0, "user ids in clear in logs: " + string.Join(" | ", leaks));
    }

    private static bool MapsRecommendations(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Any(e => e.RoutePattern.RawText == "/api/users/{userId}/recommendations");
}
