using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Outcomes;
using Longview.Core.Serialization;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Outcomes;

/// <summary>
/// The self-hosted list log: one row per recommendation id in <c>lists.db</c>, indexed by serving time (ticks); a
/// list appended twice stays one row. A scan reads rows as the query yields them: one row in memory at a time.
/// </summary>
public sealed class SqliteServedListLog : IServedListLog, IDisposable
{
    public const string DatabaseFile = "lists.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS lists (
            recommendation_id TEXT NOT NULL PRIMARY KEY,
            served_at INTEGER NOT NULL,
            list TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS lists_served_at ON lists (served_at);
        """;

    private readonly SqliteDatabase _database;

    public SqliteServedListLog(IOptions<EmbeddedStoreOptions> options)
    {
        // Fed only from the served lists' in-memory queue (best effort): a commit need not wait for the disk.
        _database = SqliteDatabase.In(options.Value, DatabaseFile, Schema, synchronous: SqliteSynchronous.Normal);
    }

    public async Task AppendAsync(IReadOnlyList<ServedList> lists, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lists);
        await _database.WriteRowsAsync(lists, "INSERT OR IGNORE INTO lists (recommendation_id, served_at, list) VALUES ($id, $servedAt, $list)", command =>
        {
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var servedAt = command.Parameters.Add("$servedAt", SqliteType.Integer);
            var list = command.Parameters.Add("$list", SqliteType.Text);
            return served =>
            {
                id.Value = served.RecommendationId;
                servedAt.Value = served.ServedAt.UtcTicks;
                list.Value = JsonSerializer.Serialize(served, LongviewJson.Options);
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ServedList> ScanAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT list FROM lists WHERE served_at >= $from AND served_at < $to";
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize<ServedList>(reader.GetString(0), LongviewJson.Options)!;
        }
    }

    public void Dispose() => _database.Dispose();
}
