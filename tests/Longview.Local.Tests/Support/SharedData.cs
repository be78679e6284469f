namespace Longview.Local.Tests.Support;

/// <summary>The shared real datasets (never copied into the repository): $LONGVIEW_SHARED_DATA, else ../shared/data from the repository root.</summary>
internal static class SharedData
{
    public static string Root =>
        Environment.GetEnvironmentVariable("LONGVIEW_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));

    public static string Folder(string dataset) => Path.Combine(Root, dataset);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Serverless.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fact that is skipped, saying why, when a shared dataset file is absent.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string dataset, string file)
    {
        var path = Path.Combine(SharedData.Folder(dataset), file);
        if (!File.Exists(path))
        {
            Skip = $"[SKIP] shared dataset absent: {path} (set LONGVIEW_SHARED_DATA to the folder holding {dataset}/)";
        }
    }
}
