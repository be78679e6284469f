using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;
using Longview.Infrastructure.Outcomes;

namespace Longview.Infrastructure.Tests.Ops;

/// <summary>
/// An event batch answered 200 must survive a power loss: in WAL mode that takes <c>synchronous=FULL</c> (each commit
/// syncs the log). <c>NORMAL</c> stays available as an explicit choice, and is what the writes of the served lists'
/// in-memory queue use (their impressions, the list and exposure logs): best effort, like the queue itself.
/// </summary>
public sealed class SqliteDurabilityTests
{
    [Fact]
    public void Stores_sync_every_commit_by_default()
    {
        Assert.Equal(SqliteSynchronous.Full, new EmbeddedStoreOptions().Synchronous);
        Assert.Equal(2, SynchronousOf(new EmbeddedStoreOptions().Synchronous));
    }

    [Fact]
    public void Normal_is_an_explicit_choice() => Assert.Equal(1, SynchronousOf(SqliteSynchronous.Normal));

    [Fact]
    public void The_profile_store_opens_its_connections_with_the_configured_setting()
    {
        using var root = new TestFolder();
        using var store = new SqliteProfileStore(
            Microsoft.Extensions.Options.Options.Create(new EmbeddedStoreOptions { DataFolder = root.Path }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteProfileStore>.Instance);
        var database = (SqliteDatabase)typeof(SqliteProfileStore).GetField("_database", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(store)!;

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(2L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void A_best_effort_scope_lowers_the_sync_on_its_connection_and_hands_it_back_synced()
    {
        using var root = new TestFolder();
        using var database = new SqliteDatabase(Path.Combine(root.Path, "t.db"), TimeSpan.FromSeconds(1), 4096, "CREATE TABLE IF NOT EXISTS t (x INTEGER);", SqliteSynchronous.Full);
        using (var connection = database.Open())
        {
            using (database.CommitBestEffort(connection))
            {
                Assert.Equal(1L, Pragma(connection, "synchronous"));
            }
            Assert.Equal(2L, Pragma(connection, "synchronous"));
        }
        using var reused = database.Open();
        Assert.Equal(2L, Pragma(reused, "synchronous"));
    }

    [Fact]
    public async Task The_profile_store_lowers_the_sync_around_best_effort_batches_only()
    {
        using var root = new TestFolder();
        using var store = new SqliteProfileStore(
            Microsoft.Extensions.Options.Options.Create(new EmbeddedStoreOptions { DataFolder = root.Path }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteProfileStore>.Instance);
        var database = DatabaseOf(store);
        var statements = new List<string>();
        SQLitePCL.sqlite3 handle;
        // The pool holds one idle connection (the schema's); the store's writes below take it again.
        using (var connection = database.Open())
        {
            handle = connection.Handle!;
            SQLitePCL.raw.sqlite3_trace(handle, (_, sql) => statements.Add(sql.utf8_to_string()), null);
        }

        await store.WriteManyAsync([new ProfileWrite(ProfileAggregator.NewProfile("u1"), null)], WriteDurability.BestEffort);
        await store.WriteManyAsync([new ProfileWrite(ProfileAggregator.NewProfile("u2"), null)]);
        SQLitePCL.raw.sqlite3_trace(handle, (SQLitePCL.delegate_trace)null!, null);

        var sync = statements.Select((sql, i) => (sql, i)).Where(s => s.sql.StartsWith("PRAGMA synchronous", StringComparison.Ordinal)).ToList();
        var begins = statements.Select((sql, i) => (sql, i)).Where(s => s.sql.StartsWith("BEGIN", StringComparison.Ordinal)).Select(s => s.i).ToList();
        var commits = statements.Select((sql, i) => (sql, i)).Where(s => s.sql.StartsWith("COMMIT", StringComparison.Ordinal)).Select(s => s.i).ToList();
        Assert.Equal(2, begins.Count);
        Assert.Equal(["PRAGMA synchronous = NORMAL", "PRAGMA synchronous = FULL"], sync.Select(s => s.sql));
        // Lowered before the first transaction, restored after its commit, before the durable batch begins.
        Assert.True(sync[0].i < begins[0] && commits[0] < sync[1].i && sync[1].i < begins[1], string.Join(" | ", statements));
    }

    [Fact]
    public void The_served_list_and_exposure_logs_commit_without_waiting_for_the_disk()
    {
        using var root = new TestFolder();
        var options = Microsoft.Extensions.Options.Options.Create(new EmbeddedStoreOptions { DataFolder = root.Path });
        using var lists = new SqliteServedListLog(options);
        using var exposures = new SqliteExposureLog(options);

        foreach (var database in new[] { DatabaseOf(lists), DatabaseOf(exposures) })
        {
            Assert.Equal(SqliteSynchronous.Normal, database.Synchronous);
            using var connection = database.Open();
            Assert.Equal(1L, Pragma(connection, "synchronous"));
        }
    }

    private static SqliteDatabase DatabaseOf(object store) =>
        (SqliteDatabase)store.GetType().GetField("_database", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(store)!;

    private static long Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)command.ExecuteScalar()!;
    }

    private static long SynchronousOf(SqliteSynchronous synchronous)
    {
        using var root = new TestFolder();
        using var database = new SqliteDatabase(Path.Combine(root.Path, "t.db"), TimeSpan.FromSeconds(1), 4096, "CREATE TABLE IF NOT EXISTS t (x INTEGER);", synchronous);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)command.ExecuteScalar()!;
    }
}
