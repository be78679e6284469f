using System.Runtime.CompilerServices;
using Longview.Core.Experiments;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Outcomes;

/// <summary>The self-hosted exposure log: one row per (experiment, user) in <c>exposures.db</c>; the first insert wins.</summary>
public sealed class SqliteExposureLog : IExperimentExposureLog, IDisposable
{
    public const string DatabaseFile = "exposures.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS exposures (
            experiment_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            variant TEXT NOT NULL,
            first_exposed_at INTEGER NOT NULL,
            PRIMARY KEY (experiment_id, user_id)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;

    public SqliteExposureLog(IOptions<EmbeddedStoreOptions> options)
    {
        // Fed only from the served lists' in-memory queue (best effort): a commit need not wait for the disk.
        _database = SqliteDatabase.In(options.Value, DatabaseFile, Schema, synchronous: SqliteSynchronous.Normal);
    }

    public async Task RecordAsync(IReadOnlyList<ExperimentExposure> exposures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        // The first write wins, as on Cosmos (create, 409 ignored): any later write of the same user changes nothing.
        await _database.WriteRowsAsync(exposures, """
            INSERT INTO exposures (experiment_id, user_id, variant, first_exposed_at) VALUES ($experiment, $user, $variant, $at)
            ON CONFLICT (experiment_id, user_id) DO NOTHING
            """, command =>
        {
            var experiment = command.Parameters.Add("$experiment", SqliteType.Text);
            var user = command.Parameters.Add("$user", SqliteType.Text);
            var variant = command.Parameters.Add("$variant", SqliteType.Text);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            return exposure =>
            {
                experiment.Value = exposure.ExperimentId;
                user.Value = exposure.UserId;
                variant.Value = exposure.Variant;
                at.Value = exposure.FirstExposedAt.UtcTicks;
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ExperimentExposure> ScanAsync(string experimentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, variant, first_exposed_at FROM exposures WHERE experiment_id = $experiment";
        command.Parameters.AddWithValue("$experiment", experimentId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ExperimentExposure(experimentId, reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));
        }
    }

    /// <summary>Pages by user id; the cursor is the last user id of the page, base64url-encoded (opaque to callers).</summary>
    public async Task<ExposurePage> ReadPageAsync(string experimentId, string variant, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = ExposureCursor.Decode(cursor) ?? "";
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, first_exposed_at FROM exposures
            WHERE experiment_id = $experiment AND variant = $variant AND user_id > $after
            ORDER BY user_id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$experiment", experimentId);
        command.Parameters.AddWithValue("$variant", variant);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit + 1);
        var items = new List<ExperimentExposure>(limit);
        var more = false;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }
            items.Add(new ExperimentExposure(experimentId, reader.GetString(0), variant, new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }
        return new ExposurePage(items, more ? ExposureCursor.Encode(items[^1].UserId) : null);
    }

    public void Dispose() => _database.Dispose();
}
