using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// One SQLite file in WAL mode: hands out pooled connections configured for the stores and serializes this
/// process's writers. SQLite allows one writer at a time; queueing writers on an async gate here instead of in
/// SQLite's busy handler (which sleeps and polls) keeps write latency flat under many concurrent requests.
/// Other processes on the same file are still handled by the busy timeout.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <param name="pageSize">Applies only when the file is created (WAL files keep their page size).</param>
    public SqliteDatabase(string filePath, TimeSpan busyTimeout, int pageSize, string schema)
    {
        FilePath = Path.GetFullPath(filePath);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        // Per-connection settings; journal_mode=WAL is stored in the file itself and set once below.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size = {pageSize}; PRAGMA journal_mode = WAL;") + schema;
        command.ExecuteNonQuery();
    }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Waits for this process's write turn; dispose the result to release it.</summary>
    public async ValueTask<WriteTurn> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_writeGate);
    }

    public void Dispose()
    {
        // Closes the pooled connections so the file is released (a reopened store starts clean).
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        _writeGate.Dispose();
    }

    internal readonly struct WriteTurn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
