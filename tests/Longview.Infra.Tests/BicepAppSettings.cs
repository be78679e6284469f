using System.Text.RegularExpressions;

namespace Longview.Infra.Tests;

/// <summary>The app setting names infra/main.bicep gives the Functions app (its <c>appSettings</c> variable).</summary>
internal static partial class BicepAppSettings
{
    public static IReadOnlyList<string> Parse(string mainBicepPath)
    {
        var text = File.ReadAllText(mainBicepPath);
        var block = AppSettingsBlock().Match(text);
        Assert.True(block.Success, "infra/main.bicep has no `var appSettings = [ ... ]` block");
        return SettingName().Matches(block.Groups["body"].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"var\s+appSettings\s*=\s*\[(?<body>.*?)\n\]", RegexOptions.Singleline)]
    private static partial Regex AppSettingsBlock();

    [GeneratedRegex(@"\{\s*name:\s*'([^']+)'")]
    private static partial Regex SettingName();
}
