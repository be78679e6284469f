namespace Longview.Local.Hosting;

/// <summary>
/// The default data folder: <c>.longview/data</c> at the repository root when run from inside the repository or from
/// the repository's build output (<c>./dev cli</c> from any directory), else under the current directory.
/// </summary>
public static class DataFolders
{
    private const string RepositoryMarker = "Serverless.sln";

    public static string Default()
    {
        var start = Directory.GetCurrentDirectory();
        foreach (var from in new[] { start, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, RepositoryMarker)))
                {
                    return Path.Combine(dir.FullName, ".longview", "data");
                }
            }
        }
        return Path.Combine(start, ".longview", "data");
    }
}
