using System.Text.Json.Nodes;

namespace Longview.Infra.Tests;

/// <summary>
/// What an operator gets from the compiled deployment (bicep build of main.bicep, every module inlined): a diagnostic
/// setting on every resource type that has them, the five alerts of the runbook, a workbook of the product's metrics,
/// and an azd project that provisions this template and deploys the Functions app to the resource azd looks for.
/// </summary>
public sealed class OperationsTests
{
    /// <summary>Deployed resource types that support diagnostic settings (Container Apps jobs, identities, role assignments do not).</summary>
    private static readonly string[] Diagnosable =
    [
        "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components", "Microsoft.Storage/storageAccounts",
        "Microsoft.EventHub/namespaces", "Microsoft.DocumentDB/databaseAccounts", "Microsoft.KeyVault/vaults",
        "Microsoft.ContainerRegistry/registries", "Microsoft.Web/sites", "Microsoft.App/managedEnvironments",
    ];

    private static readonly Lazy<List<JsonNode>> Resources = new(() =>
    {
        var result = BicepCli.Run("build", "main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0, result.StandardError);
        var all = new List<JsonNode>();
        Collect(JsonNode.Parse(result.StandardOutput)!, all);
        return all;
    });

    [Fact]
    public void Every_deployed_resource_type_with_diagnostic_settings_sends_them_to_the_workspace()
    {
        var deployed = Resources.Value.Select(r => (string)r["type"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var scopes = Resources.Value.Where(r => (string)r["type"]! == "Microsoft.Insights/diagnosticSettings")
            .Select(r => (string?)r["scope"] ?? "").ToList();

        Assert.All(Diagnosable.Where(deployed.Contains), type =>
            Assert.True(scopes.Any(s => s.Contains($"'{type}'", StringComparison.OrdinalIgnoreCase) || s.Contains($"'{type}/", StringComparison.OrdinalIgnoreCase)),
                $"{type} is deployed without a diagnostic setting"));
        Assert.Contains(scopes, s => s.Contains("Microsoft.Storage/storageAccounts/blobServices", StringComparison.Ordinal));
    }

    [Fact]
    public void The_runbook_alerts_and_the_product_workbook_are_deployed()
    {
        var operations = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "operations.bicep"));
        foreach (var alert in new[] { "server-errors", "dead-letters", "training-failed", "no-retention-report" })
        {
            Assert.Contains($"name: '{alert}'", operations, StringComparison.Ordinal);
        }
        Assert.Contains(Resources.Value, r => (string)r["type"]! == "Microsoft.Insights/scheduledQueryRules");
        Assert.Contains(Resources.Value, r => (string)r["type"]! == "Microsoft.Insights/metricAlerts" && ((string)r["name"]!).Contains("cosmos-throttling", StringComparison.Ordinal));
        Assert.Contains(Resources.Value, r => (string)r["type"]! == "Microsoft.Insights/workbooks");
        // The alerts and the workbook read the meter's instruments by name: each must exist in Core.
        var meter = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "Longview.Core", "Telemetry", "LongviewMetrics.cs"));
        foreach (var instrument in System.Text.RegularExpressions.Regex.Matches(operations, "longview\\.[a-z_.]+[a-z]").Select(m => m.Value).Distinct()
                     .Where(name => !name.StartsWith("longview.outcome", StringComparison.Ordinal) && !name.StartsWith("longview.recommendation.source", StringComparison.Ordinal) && !name.StartsWith("longview.model.version", StringComparison.Ordinal)))
        {
            Assert.Contains($"\"{instrument}\"", meter, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Azd_provisions_this_template_and_deploys_the_functions_app_to_its_tagged_resource()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.Contains("path: infra", project, StringComparison.Ordinal);
        Assert.Contains("module: main", project, StringComparison.Ordinal);
        Assert.Contains("project: functions/Longview.Functions", project, StringComparison.Ordinal);
        Assert.Contains("host: function", project, StringComparison.Ordinal);
        Assert.Equal("${AZURE_ENV_NAME}", (string?)parameters["environmentName"]!["value"]);
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.Root, "functions", "Longview.Functions")));
        Assert.Contains("'azd-service-name': 'functions'", File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "functionapp.bicep")), StringComparison.Ordinal);
    }

    private static void Collect(JsonNode template, List<JsonNode> into)
    {
        var resources = template["resources"];
        var items = resources is JsonObject map ? map.Select(p => p.Value!) : resources is JsonArray list ? list.Select(r => r!) : [];
        foreach (var resource in items)
        {
            into.Add(resource);
            // Properties are an expression string where a variable holds them; only deployments nest a template.
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                Collect(nested, into);
            }
        }
    }
}
