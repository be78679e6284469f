using System.Text.Json;
using System.Text.RegularExpressions;

namespace Longview.Infra.Tests;

/// <summary>
/// Request URLs carry user ids (issue 7: never in clear). The host's request telemetry is only configurable in host.json,
/// and the worker's telemetry processor recognises the id only after a <c>users/</c> segment: both are guarded here.
/// </summary>
public sealed partial class UserIdTelemetryTests
{
    [Fact]
    public void Host_json_keeps_the_host_from_recording_http_trigger_urls_and_forwarded_calls()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var insights = host.RootElement.GetProperty("logging").GetProperty("applicationInsights");

        Assert.False(insights.GetProperty("httpAutoCollectionOptions").GetProperty("enableHttpTriggerExtendedInfoCollection").GetBoolean());
        Assert.False(insights.GetProperty("enableDependencyTracking").GetBoolean());
    }

    [Fact]
    public void Every_route_with_a_user_id_puts_it_right_after_a_users_segment()
    {
        var routes = Directory.EnumerateFiles(RepositoryPaths.Functions, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => RoutePattern().Matches(File.ReadAllText(f)).Select(m => m.Groups["route"].Value))
            .ToList();
        Assert.Contains("users/{userId}/profile", routes);

        var elsewhere = routes.Where(r => r.Contains("{userId}", StringComparison.Ordinal) && !r.StartsWith("users/{userId}", StringComparison.Ordinal)).ToList();

        Assert.True(elsewhere.Count == 0, "routes whose user id the telemetry rewrite would not find: " + string.Join(", ", elsewhere));
    }

    [GeneratedRegex("""Route\s*=\s*"(?<route>[^"]*)""")]
    private static partial Regex RoutePattern();
}
