using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;

namespace Longview.Infrastructure.Tests.Embedded;

/// <summary>
/// Each native connection is configured once (pooled handles keep their pragmas) yet every open sees its database's
/// settings: on a reused handle, and when two databases with different settings share one file and so one pool.
/// </summary>
public sealed class SqliteConnectionSettingsTests
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS t (x INTEGER);";

    [Fact]
    public void A_reused_pooled_connection_keeps_the_settings()
    {
        using var root = new TestFolder();
        using var database = new SqliteDatabase(Path.Combine(root.Path, "t.db"), TimeSpan.FromSeconds(3), 4096, Schema, SqliteSynchronous.Full);
        for (var i = 0; i < 3; i++)
        {
            using var connection = database.Open();
            Assert.Equal((2L, 3000L), Settings(connection));
        }
    }

    [Fact]
    public void Databases_sharing_a_file_each_get_their_own_settings()
    {
        using var root = new TestFolder();
        var file = Path.Combine(root.Path, "t.db");
        using var full = new SqliteDatabase(file, TimeSpan.FromSeconds(3), 4096, Schema, SqliteSynchronous.Full);
        using var normal = new SqliteDatabase(file, TimeSpan.FromSeconds(5), 4096, Schema, SqliteSynchronous.Normal);
        for (var i = 0; i < 3; i++)
        {
            // Closed at once, so each open takes the handle the other database configured last.
            using (var connection = full.Open())
            {
                Assert.Equal((2L, 3000L), Settings(connection));
            }
            using (var connection = normal.Open())
            {
                Assert.Equal((1L, 5000L), Settings(connection));
            }
        }
    }

    private static (long Synchronous, long BusyTimeout) Settings(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        var synchronous = (long)command.ExecuteScalar()!;
        command.CommandText = "PRAGMA busy_timeout";
        return (synchronous, (long)command.ExecuteScalar()!);
    }
}
