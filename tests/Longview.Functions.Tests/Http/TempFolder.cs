using Microsoft.Data.Sqlite;

namespace Longview.Functions.Tests.Http;

/// <summary>A fresh data folder for one host, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("longview-http-").FullName;

    public void Dispose()
    {
        // Pooled SQLite connections keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
