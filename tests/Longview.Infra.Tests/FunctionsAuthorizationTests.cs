using System.Text.RegularExpressions;

namespace Longview.Infra.Tests;

/// <summary>
/// Every HTTP function of Longview.Functions needs a function key, except the liveness and readiness probes, which
/// platform probes call without one (read from the sources, so the rule holds for triggers in any file). A trigger
/// added later with another level fails here.
/// </summary>
public sealed partial class FunctionsAuthorizationTests
{
    private static readonly IReadOnlyList<(string File, string Level, string Methods, string Route)> Triggers =
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "functions", "Longview.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => HttpTriggerPattern().Matches(File.ReadAllText(f))
                .Select(m => (Path.GetFileName(f), m.Groups["level"].Value, m.Groups["methods"].Value, m.Groups["route"].Value)))
            .ToList();

    [Fact]
    public void Every_http_trigger_but_the_probes_needs_a_function_key()
    {
        Assert.Contains(Triggers, t => t.Route == "events");
        Assert.Contains(Triggers, t => t.Route == "users/{userId}" && t.Methods.Contains("\"delete\"", StringComparison.Ordinal));

        var wrong = Triggers.Where(t => !Probes.Contains(t.Route) && t.Level != "Function").Select(t => $"{t.File}: {t.Route} is {t.Level}").ToList();

        Assert.True(wrong.Count == 0, "HTTP triggers without AuthorizationLevel.Function: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Only_the_probes_are_anonymous_and_only_for_reads()
    {
        var health = Assert.Single(Triggers, t => t.Route == "health");
        var ready = Assert.Single(Triggers, t => t.Route == "health/ready");

        Assert.Equal("Anonymous", health.Level);
        Assert.Equal("\"get\", \"head\"", health.Methods.Trim().TrimEnd(',').Trim());
        Assert.Equal("Anonymous", ready.Level);
        Assert.Equal("\"get\"", ready.Methods.Trim().TrimEnd(',').Trim());
    }

    private static readonly HashSet<string> Probes = ["health", "health/ready"];

    [GeneratedRegex(@"HttpTrigger\(\s*AuthorizationLevel\.(?<level>\w+)\s*,(?<methods>[^)]*?)Route\s*=\s*""(?<route>[^""]*)""")]
    private static partial Regex HttpTriggerPattern();
}
