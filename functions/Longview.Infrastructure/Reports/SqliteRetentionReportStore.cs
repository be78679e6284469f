using System.Globalization;
using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Reports;

/// <summary>The self-hosted reports store: one row per (kind, as-of) in its own SQLite file; a put replaces the row.</summary>
public sealed class SqliteRetentionReportStore : IRetentionReportStore, IDisposable
{
    public const string DatabaseFile = "reports.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reports (
            kind TEXT NOT NULL,
            as_of TEXT NOT NULL,
            computed_at TEXT NOT NULL,
            rows TEXT NOT NULL,
            PRIMARY KEY (kind, as_of)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;

    public SqliteRetentionReportStore(IOptions<EmbeddedStoreOptions> options)
    {
        _database = SqliteDatabase.In(options.Value, DatabaseFile, Schema);
    }

    public async Task PutAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ReportKeys.EnsureSize(report);
        using (await _database.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO reports (kind, as_of, computed_at, rows) VALUES ($kind, $asOf, $computedAt, $rows)
                ON CONFLICT (kind, as_of) DO UPDATE SET computed_at = excluded.computed_at, rows = excluded.rows
                """;
            command.Parameters.AddWithValue("$kind", report.Kind.WireName());
            command.Parameters.AddWithValue("$asOf", ReportKeys.Day(report.AsOf));
            command.Parameters.AddWithValue("$computedAt", report.ComputedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$rows", report.RowsJson);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<StoredReport?> GetAsync(ReportKind kind, DateOnly asOf, CancellationToken cancellationToken = default) =>
        ReadOneAsync(kind, "SELECT as_of, computed_at, rows FROM reports WHERE kind = $kind AND as_of = $asOf", ReportKeys.Day(asOf), cancellationToken);

    public Task<StoredReport?> GetLatestAsync(ReportKind kind, CancellationToken cancellationToken = default) =>
        ReadOneAsync(kind, "SELECT as_of, computed_at, rows FROM reports WHERE kind = $kind ORDER BY as_of DESC LIMIT 1", null, cancellationToken);

    public async Task<IReadOnlyList<DateOnly>> ListAsOfAsync(ReportKind kind, DateOnly from, DateOnly to, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT as_of FROM reports WHERE kind = $kind AND as_of >= $from AND as_of <= $to ORDER BY as_of LIMIT $limit";
        command.Parameters.AddWithValue("$kind", kind.WireName());
        command.Parameters.AddWithValue("$from", ReportKeys.Day(from));
        command.Parameters.AddWithValue("$to", ReportKeys.Day(to));
        command.Parameters.AddWithValue("$limit", limit);
        var days = new List<DateOnly>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            days.Add(ReportKeys.ParseDay(reader.GetString(0)));
        }
        return days;
    }

    public void Dispose() => _database.Dispose();

    private async Task<StoredReport?> ReadOneAsync(ReportKind kind, string sql, string? asOf, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$kind", kind.WireName());
        if (asOf is not null)
        {
            command.Parameters.AddWithValue("$asOf", asOf);
        }
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new StoredReport(
            kind,
            ReportKeys.ParseDay(reader.GetString(0)),
            DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetString(2));
    }
}
