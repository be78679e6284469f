using System.Globalization;
using System.Xml.Linq;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Settings;

/// <summary>
/// functions/Longview.Local/dotnet.env, the settings the server is started with that .NET reads only from the
/// environment (./dev run exports it, the serve benchmark starts its servers with it), against the runtimeconfig.json
/// settings of Longview.Local.csproj: the runtime reads both at start-up, so a mismatch only shows in the benchmark.
/// </summary>
public sealed class ServerEnvironmentTests
{
    private static readonly string Root = SharedData.RepositoryRoot();

    [Fact]
    public void Every_line_is_a_DOTNET_setting_with_a_hexadecimal_value_as_the_runtime_reads_it()
    {
        var settings = Settings();
        Assert.NotEmpty(settings);
        foreach (var (name, value) in settings)
        {
            Assert.StartsWith("DOTNET_", name, StringComparison.Ordinal);
            // The runtime parses numeric settings from the environment as hexadecimal, with or without 0x.
            Assert.True(TryHex(value, out _), $"{name}={value} is not a hexadecimal number");
        }
    }

    [Fact]
    public void The_gen0_floor_is_not_above_the_runtimeconfig_cap_that_would_silently_lower_it()
    {
        Assert.True(TryHex(Settings()["DOTNET_GCgen0size"], out var floor));
        var cap = long.Parse(RuntimeOption("System.GC.Gen0MaxBudget"), CultureInfo.InvariantCulture);
        Assert.InRange(floor, 1, cap);
    }

    [Fact]
    public void The_benchmark_measures_the_app_with_the_same_gen0_cap()
    {
        var benchmark = XDocument.Load(Path.Combine(Root, "tests", "Longview.Benchmarks", "Longview.Benchmarks.csproj"));
        Assert.Equal(RuntimeOption("System.GC.Gen0MaxBudget"), Option(benchmark, "System.GC.Gen0MaxBudget"));
    }

    private static Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Root, "functions", "Longview.Local", "dotnet.env")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"not NAME=VALUE: '{line}'");
            settings.Add(line[..equals], line[(equals + 1)..]);
        }
        return settings;
    }

    private static bool TryHex(string value, out long number) =>
        long.TryParse(value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number);

    private static string RuntimeOption(string name) =>
        Option(XDocument.Load(Path.Combine(Root, "functions", "Longview.Local", "Longview.Local.csproj")), name);

    private static string Option(XDocument project, string name) =>
        project.Descendants("RuntimeHostConfigurationOption").Single(o => (string?)o.Attribute("Include") == name).Attribute("Value")!.Value;
}
