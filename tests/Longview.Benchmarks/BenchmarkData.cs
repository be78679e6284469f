namespace Longview.Benchmarks;

/// <summary>Finds the shared datasets: $LONGVIEW_SHARED_DATA, else ../shared/data next to the repository root.</summary>
internal static class BenchmarkData
{
    public static string Root()
    {
        if (Environment.GetEnvironmentVariable("LONGVIEW_SHARED_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }
        return Path.GetFullPath(Path.Combine("..", "shared", "data"));
    }
}
