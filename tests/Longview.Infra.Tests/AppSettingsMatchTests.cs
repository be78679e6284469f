namespace Longview.Infra.Tests;

/// <summary>
/// Every setting Longview.Functions needs is set by the Bicep, and every setting the Bicep sets is read by the app:
/// a renamed option or a forgotten setting fails here instead of at the first event in Azure.
/// </summary>
public sealed class AppSettingsMatchTests
{
    private static readonly FunctionsSettings App = FunctionsSettings.Parse(RepositoryPaths.Root);
    private static readonly IReadOnlyList<string> Bicep = BicepAppSettings.Parse(Path.Combine(RepositoryPaths.Infra, "main.bicep"));

    [Fact]
    public void The_parsers_see_the_app_and_the_template()
    {
        // Guards the parsers themselves: if they found nothing, the two checks below would pass vacuously.
        Assert.Contains("EventHubName", App.Placeholders);
        Assert.Contains("EventHubConnection", App.Connections);
        Assert.Contains("Cosmos", App.Sections.Keys);
        Assert.Contains("Endpoint", App.Sections["Cosmos"].RequiredEndpoints);
        Assert.Contains("Cosmos__Endpoint", Bicep);
    }

    [Fact]
    public void Every_setting_the_app_needs_is_set()
    {
        var missing = new List<string>();
        foreach (var placeholder in App.Placeholders)
        {
            if (!Bicep.Contains(placeholder)) missing.Add($"%{placeholder}% (binding placeholder)");
        }
        foreach (var connection in App.Connections.Append("AzureWebJobsStorage"))
        {
            // A connection is a connection string or, identity-based, a group of `Name__property` settings.
            if (!Bicep.Any(s => s == connection || s.StartsWith(connection + "__", StringComparison.Ordinal))) missing.Add($"{connection} (connection)");
        }
        if (!Bicep.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING")) missing.Add("APPLICATIONINSIGHTS_CONNECTION_STRING");
        foreach (var (section, options) in App.Sections)
        {
            foreach (var endpoint in options.RequiredEndpoints)
            {
                var name = $"{section}__{endpoint}";
                // An endpoint with an alternative connection-string property (Blob) is satisfied by either.
                var alternatives = options.Properties.Where(p => p.EndsWith("ConnectionString", StringComparison.Ordinal)).Select(p => $"{section}__{p}");
                if (!Bicep.Contains(name) && !alternatives.Any(Bicep.Contains)) missing.Add($"{name} ({options.Name})");
            }
        }
        Assert.True(missing.Count == 0, "infra/main.bicep does not set: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_setting_the_template_sets_is_read_by_the_app()
    {
        var unused = Bicep.Where(name => !IsRead(name)).ToList();
        Assert.True(unused.Count == 0, "infra/main.bicep sets settings Longview.Functions never reads: " + string.Join(", ", unused));
    }

    [Fact]
    public void No_setting_is_set_twice_and_none_carries_a_secret()
    {
        Assert.Equal(Bicep.Count, Bicep.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(Bicep, name => name.EndsWith("Key", StringComparison.OrdinalIgnoreCase) || name.Contains("Password", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Bicep, name => name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("APPLICATIONINSIGHTS", StringComparison.Ordinal));
    }

    private static bool IsRead(string name)
    {
        if (App.Placeholders.Contains(name) || FunctionsSettings.RuntimeSettings.Contains(name)) return true;
        if (App.Connections.Append("AzureWebJobsStorage").Any(c => name == c || name.StartsWith(c + "__", StringComparison.Ordinal))) return true;
        var split = name.LastIndexOf("__", StringComparison.Ordinal);
        return split > 0
            && App.Sections.TryGetValue(name[..split], out var options)
            && options.Properties.Contains(name[(split + 2)..]);
    }
}
