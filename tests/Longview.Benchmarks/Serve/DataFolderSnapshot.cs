namespace Longview.Benchmarks.Serve;

/// <summary>
/// A copy of the data folder as the HTTP servers should find it. Every served list adds impressions to its profile,
/// so a server run after another found larger profiles than the first (a bias against whichever build or variant
/// went second, seen as 5-20% more CPU per request); each server now starts from this copy.
/// </summary>
internal sealed class DataFolderSnapshot : IDisposable
{
    private readonly string _folder;
    private readonly string _copy;

    public DataFolderSnapshot(string folder)
    {
        _folder = folder;
        _copy = folder + "-start";
        Copy(_folder, _copy);
    }

    /// <summary>Puts the folder back as it was when the snapshot was taken (nothing may hold its files open).</summary>
    public void Restore()
    {
        Directory.Delete(_folder, recursive: true);
        Copy(_copy, _folder);
    }

    /// <summary>Another copy of the folder as it was when the snapshot was taken, for a server run beside the first.</summary>
    public void CopyTo(string folder) => Copy(_copy, folder);

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }
}
