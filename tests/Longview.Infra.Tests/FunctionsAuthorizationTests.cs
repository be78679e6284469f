using System.Text.RegularExpressions;

namespace Longview.Infra.Tests;

/// <summary>
/// Every HTTP function of Longview.Functions needs a function key, except the liveness probe (read from the sources:
/// the project cannot be built here). A trigger added later with another level fails here.
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
    public void Every_http_trigger_but_health_needs_a_function_key()
    {
        Assert.Contains(Triggers, t => t.Route == "events");
        Assert.Contains(Triggers, t => t.Route == "users/{userId}" && t.Methods.Contains("\"delete\"", StringComparison.Ordinal));

        var wrong = Triggers.Where(t => t.Route != "health" && t.Level != "Function").Select(t => $"{t.File}: {t.Route} is {t.Level}").ToList();

        Assert.True(wrong.Count == 0, "HTTP triggers without AuthorizationLevel.Function: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Only_health_is_anonymous_and_only_for_reads()
    {
        var health = Assert.Single(Triggers, t => t.Route == "health");

        Assert.Equal("Anonymous", health.Level);
        Assert.Equal("\"get\"", health.Methods.Trim().TrimEnd(',').Trim());
    }

    [GeneratedRegex(@"HttpTrigger\(\s*AuthorizationLevel\.(?<level>\w+)\s*,(?<methods>[^)]*?)Route\s*=\s*""(?<route>[^""]*)""")]
    private static partial Regex HttpTriggerPattern();
}
