using System.Text.RegularExpressions;

namespace Longview.Infra.Tests;

/// <summary>
/// The settings Longview.Functions reads, parsed from its sources and host.json (the project cannot be built here):
/// binding placeholders (<c>%Name%</c>), trigger connections, and configuration sections bound to options classes
/// with their public properties.
/// </summary>
internal sealed partial class FunctionsSettings
{
    /// <summary>Settings the Functions runtime and the Application Insights SDK read on the app's behalf.</summary>
    public static readonly IReadOnlySet<string> RuntimeSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "FUNCTIONS_WORKER_RUNTIME",
    };

    public required IReadOnlySet<string> Placeholders { get; init; }

    public required IReadOnlySet<string> Connections { get; init; }

    /// <summary>Section path in app-setting form (<c>Longview__Events</c>) -> the bound options class.</summary>
    public required IReadOnlyDictionary<string, OptionsClass> Sections { get; init; }

    public static FunctionsSettings Parse(string repositoryRoot)
    {
        var functionsSources = SourceFiles(Path.Combine(repositoryRoot, "functions", "Longview.Functions")).ToArray();
        var allSources = SourceFiles(Path.Combine(repositoryRoot, "functions")).ToArray();
        var functionsText = string.Join('\n', functionsSources.Select(File.ReadAllText));
        var hostJson = File.ReadAllText(Path.Combine(repositoryRoot, "host.json"));

        var placeholders = PlaceholderPattern().Matches(functionsText + hostJson).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var connections = ConnectionPattern().Matches(functionsText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var sections = new Dictionary<string, OptionsClass>(StringComparer.Ordinal);
        foreach (Match binding in TypedSectionPattern().Matches(functionsText))
        {
            Add(sections, allSources, binding.Groups["type"].Value, SectionNameOf(allSources, binding.Groups["type"].Value));
        }
        foreach (Match binding in ConstSectionPattern().Matches(functionsText))
        {
            var constant = binding.Groups["const"].Value;
            var value = Regex.Match(functionsText, $@"const\s+string\s+{Regex.Escape(constant)}\s*=\s*""(?<v>[^""]+)""");
            Assert.True(value.Success, $"the section constant {constant} of Longview.Functions was not found");
            Add(sections, allSources, binding.Groups["type"].Value, value.Groups["v"].Value);
        }

        // AddSettings<T>(T.SectionName) binds a section wherever a registration the app calls declares it (Core, adapters,
        // the app itself); the self-hosted host's own registrations are not the Functions app's.
        var hostedSources = allSources.Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Longview.Local{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (Match binding in SettingsPattern().Matches(string.Join('\n', hostedSources.Select(File.ReadAllText))))
        {
            Add(sections, allSources, binding.Groups["type"].Value, SectionNameOf(allSources, binding.Groups["type"].Value));
        }

        return new FunctionsSettings { Placeholders = placeholders, Connections = connections, Sections = sections };
    }

    private static void Add(Dictionary<string, OptionsClass> sections, string[] sources, string type, string section) =>
        sections[section.Replace(":", "__", StringComparison.Ordinal)] = OptionsClass.Parse(sources, type);

    private static string SectionNameOf(string[] sources, string type)
    {
        var text = File.ReadAllText(OptionsClass.FileOf(sources, type));
        var match = Regex.Match(text, @"const\s+string\s+SectionName\s*=\s*""(?<v>[^""]+)""");
        Assert.True(match.Success, $"{type} has no SectionName constant");
        return match.Groups["v"].Value;
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"%([A-Za-z][A-Za-z0-9_]*)%")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\bConnection\s*=\s*""([^""]+)""")]
    private static partial Regex ConnectionPattern();

    [GeneratedRegex(@"GetSection\((?<type>\w+)\.SectionName\)")]
    private static partial Regex TypedSectionPattern();

    [GeneratedRegex(@"AddSettings<(?<type>\w+)>\(\k<type>\.SectionName\)")]
    private static partial Regex SettingsPattern();

    [GeneratedRegex(@"AddOptions<(?<type>\w+)>\(\)\s*\.Bind\(\s*\w+\.GetSection\((?<const>[A-Za-z_]\w*)\)\)")]
    private static partial Regex ConstSectionPattern();
}

/// <summary>An options class: its settable public properties, and those that have no default and are endpoints (must be set).</summary>
internal sealed partial record OptionsClass(string Name, IReadOnlySet<string> Properties, IReadOnlySet<string> RequiredEndpoints)
{
    public static string FileOf(string[] sources, string type) =>
        sources.SingleOrDefault(f => Regex.IsMatch(File.ReadAllText(f), $@"\b(class|record)\s+{Regex.Escape(type)}\b"))
        ?? throw new InvalidOperationException($"options class {type} not found under functions/");

    public static OptionsClass Parse(string[] sources, string type)
    {
        var text = File.ReadAllText(FileOf(sources, type));
        var properties = new HashSet<string>(StringComparer.Ordinal);
        var endpoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match property in PropertyPattern().Matches(text))
        {
            properties.Add(property.Groups["name"].Value);
            if (property.Groups["type"].Value == "Uri?" && !property.Groups["init"].Success)
            {
                endpoints.Add(property.Groups["name"].Value);
            }
        }
        return new OptionsClass(type, properties, endpoints);
    }

    [GeneratedRegex(@"public\s+(?:required\s+)?(?<type>[\w<>?,\[\]\. ]+?)\s+(?<name>[A-Z]\w*)\s*\{\s*get;\s*(?:set|init);\s*\}(?<init>\s*=)?")]
    private static partial Regex PropertyPattern();
}
