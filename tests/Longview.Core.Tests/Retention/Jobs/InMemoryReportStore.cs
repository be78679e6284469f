using System.Collections.Concurrent;
using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

/// <summary>A reports store in memory with the port's semantics (a put replaces the same kind and as-of).</summary>
internal sealed class InMemoryReportStore : IRetentionReportStore
{
    public ConcurrentDictionary<(ReportKind, DateOnly), StoredReport> Reports { get; } = new();

    public int Puts;

    public Task PutAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Puts);
        Reports[(report.Kind, report.AsOf)] = report;
        return Task.CompletedTask;
    }

    public Task<StoredReport?> GetAsync(ReportKind kind, DateOnly asOf, CancellationToken cancellationToken = default) =>
        Task.FromResult(Reports.GetValueOrDefault((kind, asOf)));

    public Task<StoredReport?> GetLatestAsync(ReportKind kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(Reports.Values.Where(r => r.Kind == kind).MaxBy(r => r.AsOf));

    public Task<IReadOnlyList<DateOnly>> ListAsOfAsync(ReportKind kind, DateOnly from, DateOnly to, int limit = 1000, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DateOnly>>([.. Reports.Keys.Where(k => k.Item1 == kind && k.Item2 >= from && k.Item2 <= to).Select(k => k.Item2).Order().Take(limit)]);
}
