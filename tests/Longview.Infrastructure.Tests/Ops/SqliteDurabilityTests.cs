using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;

namespace Longview.Infrastructure.Tests.Ops;

/// <summary>
/// An event batch answered 200 must survive a power loss: in WAL mode that takes <c>synchronous=FULL</c> (each commit
/// syncs the log). <c>NORMAL</c> stays available as an explicit choice.
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
