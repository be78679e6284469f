namespace Longview.Core.Retention.Jobs;

/// <summary>
/// One stored report: its rows as a JSON array (<see cref="ReportRows"/>), keyed by (kind, as-of day).
/// </summary>
public sealed record StoredReport(ReportKind Kind, DateOnly AsOf, DateTimeOffset ComputedAt, string RowsJson);

/// <summary>
/// The reports store: embedded SQLite in self-hosted mode, the Cosmos container <c>reports</c> (pk /kind) in Azure.
/// Writes replace the report of the same (kind, as-of), so re-running a job for a day is idempotent.
/// </summary>
public interface IRetentionReportStore
{
    /// <summary>Inserts or replaces the report of (kind, as-of).</summary>
    Task PutAsync(StoredReport report, CancellationToken cancellationToken = default);

    Task<StoredReport?> GetAsync(ReportKind kind, DateOnly asOf, CancellationToken cancellationToken = default);

    /// <summary>The report of the kind with the latest as-of day; null when none is stored.</summary>
    Task<StoredReport?> GetLatestAsync(ReportKind kind, CancellationToken cancellationToken = default);

    /// <summary>The as-of days stored for the kind within [from, to], ascending (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<DateOnly>> ListAsOfAsync(ReportKind kind, DateOnly from, DateOnly to, int limit = 1000, CancellationToken cancellationToken = default);
}
