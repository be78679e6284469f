using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// One SQLite file in WAL mode: hands out pooled connections configured for the stores and serializes this
/// process's writers. The file, its -wal and -shm files are the owner's only (0600) and its folder 0700. SQLite allows one writer at a time; queueing writers on an async gate here instead of in
/// SQLite's busy handler (which sleeps and polls) keeps write latency flat under many concurrent requests.
/// Other processes on the same file are still handled by the busy timeout.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    // The pragmas each native connection runs with. Microsoft.Data.Sqlite pools native connections per connection string
    // for the whole process (two SqliteDatabase instances on one file share them), so this record of their settings is
    // process-wide too; entries go with their handles.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> ConfiguredPragmas = new();

    /// <param name="pageSize">Applies only when the file is created (WAL files keep their page size).</param>
    /// <param name="synchronous">How far a commit is synced before it returns (see <see cref="SqliteSynchronous"/>).</param>
    public SqliteDatabase(string filePath, TimeSpan busyTimeout, int pageSize, string schema, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        FilePath = Path.GetFullPath(filePath);
        Synchronous = synchronous;
        OwnerOnlyFiles.EnsureFolder(Path.GetDirectoryName(FilePath)!);
        CreateOwnerOnly(FilePath);
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
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = {PragmaValue(synchronous)};");

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size = {pageSize}; PRAGMA journal_mode = WAL;") + schema;
        command.ExecuteNonQuery();
        // SQLite creates -wal and -shm with the database file's mode; files left by an older version are tightened here.
        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm", FilePath + "-journal" })
        {
            OwnerOnlyFiles.Restrict(file);
        }
    }

    /// <summary>
    /// A store's database in the embedded data folder, with the folder's settings (busy timeout, sync level), after
    /// checking them: every SQLite store opens its file this way.
    /// </summary>
    /// <param name="synchronous">
    /// Overrides the folder's sync level for a file whose every write is best effort (<see cref="Core.Ports.WriteDurability.BestEffort"/>).
    /// </param>
    public static SqliteDatabase In(EmbeddedStoreOptions options, string fileName, string schema, int pageSize = 4_096, SqliteSynchronous? synchronous = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SqliteDatabase(options.ResolveDataPath(fileName), options.BusyTimeout, pageSize, schema, synchronous ?? options.Synchronous);
    }

    /// <summary>The sync level of this database's commits (<see cref="CommitBestEffort"/> lowers it for one write).</summary>
    public SqliteSynchronous Synchronous { get; }

    /// <summary>
    /// Until the result is disposed, commits on <paramref name="connection"/> (opened by <see cref="Open"/>, outside a
    /// transaction) do not wait for the disk (<c>synchronous=NORMAL</c>): a power loss may drop them, a crash of the
    /// process does not. In WAL mode the next synced commit of any connection syncs them too. Disposing restores this
    /// database's level before the pooled connection goes back, so no other writer inherits the lower one.
    /// </summary>
    public BestEffortCommits CommitBestEffort(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Synchronous == SqliteSynchronous.Normal)
        {
            return default;
        }
        // Forgotten as configured until restored: should the restore fail, the handle's next open configures it again.
        ConfiguredPragmas.Remove(connection.Handle!);
        SetSynchronous(connection, SqliteSynchronous.Normal);
        return new BestEffortCommits(this, connection);
    }

    private static void SetSynchronous(SqliteConnection connection, SqliteSynchronous level)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = " + PragmaValue(level);
        command.ExecuteNonQuery();
    }

    private static string PragmaValue(SqliteSynchronous level) => level == SqliteSynchronous.Full ? "FULL" : "NORMAL";

    public string FilePath { get; }

    /// <summary>SQLite would create the file 0644; an empty file created first is a valid new database that keeps 0600.</summary>
    private static void CreateOwnerOnly(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        try
        {
            using var file = new FileStream(path, OwnerOnlyFiles.NewFile(useAsync: false));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another store or process created it first.
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Pooled handles keep their settings: configure each native connection once, not on every open (every
            // profile read of a request used to prepare and run these two statements first).
            if (connection.Handle is not { } handle || !ConfiguredPragmas.TryGetValue(handle, out var pragmas) || pragmas != _connectionPragmas)
            {
                using var command = connection.CreateCommand();
                command.CommandText = _connectionPragmas;
                command.ExecuteNonQuery();
                if (connection.Handle is { } configured)
                {
                    ConfiguredPragmas.AddOrUpdate(configured, _connectionPragmas);
                }
            }
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

    /// <summary>
    /// Writes a batch in one immediate transaction, in this process's write turn: <paramref name="statement"/> is
    /// prepared once, <paramref name="bind"/> adds its parameters and answers how one row sets them, and the statement
    /// runs per row; <paramref name="finalStatement"/> (if any) runs once before the commit. Either every row is stored
    /// or none.
    /// </summary>
    public async Task WriteRowsAsync<T>(IReadOnlyList<T> rows, string statement, Func<SqliteCommand, Action<T>> bind, CancellationToken cancellationToken,
        string? finalStatement = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(bind);
        if (rows.Count == 0)
        {
            return;
        }
        using (await EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            var set = bind(command);
            command.Prepare();
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                set(row);
                command.ExecuteNonQuery();
            }
            if (finalStatement is not null)
            {
                using var final = connection.CreateCommand();
                final.Transaction = transaction;
                final.CommandText = finalStatement;
                final.ExecuteNonQuery();
            }
            transaction.Commit();
        }
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

    /// <summary>Restores the database's level on the connection (a default value restores nothing).</summary>
    internal readonly struct BestEffortCommits(SqliteDatabase? database, SqliteConnection? connection) : IDisposable
    {
        public void Dispose()
        {
            if (database is not null && connection is not null)
            {
                SetSynchronous(connection, database.Synchronous);
                ConfiguredPragmas.AddOrUpdate(connection.Handle!, database._connectionPragmas);
            }
        }
    }
}
