namespace Longview.Benchmarks.Serve;

/// <summary>
/// The settings .NET reads only from the environment that the self-hosted server is started with
/// (<c>functions/Longview.Local/dotnet.env</c>, exported by <c>./dev run</c>): the bench starts its .NET servers (Longview,
/// a baseline build, the HTTP floor) with them, so it measures the server as shipped. A name the bench's own
/// environment sets keeps that value, as with <c>./dev run</c>; a variant's setting wins over both.
/// </summary>
internal static class ShippedEnvironment
{
    public static IReadOnlyDictionary<string, string> Read(string repositoryRoot)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(repositoryRoot, "functions", "Longview.Local", "dotnet.env");
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"{path}: expected NAME=VALUE, got '{line}'");
            }
            var name = line[..equals];
            settings[name] = Environment.GetEnvironmentVariable(name) ?? line[(equals + 1)..];
        }
        return settings;
    }

    public static string Describe(IReadOnlyDictionary<string, string> settings) =>
        settings.Count == 0 ? "no dotnet.env settings" : "dotnet.env: " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));
}
