using System.Collections.Concurrent;
using Longview.Core.Retention.Jobs;

namespace Longview.Functions.Tests.Durable;

/// <summary>The real SQLite reports store, except that storing the reports of chosen as-of days fails.</summary>
public sealed class FailingReportStore(IRetentionReportStore inner) : IRetentionReportStore
{
    private readonly ConcurrentDictionary<DateOnly, int> _failing = new();

    public int FailuresInjected;

    /// <summary>Storing a report as of <paramref name="asOf"/> fails the next <paramref name="times"/> times.</summary>
    public void FailDay(DateOnly asOf, int times = int.MaxValue) => _failing[asOf] = times;

    public Task PutAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        if (_failing.TryGetValue(report.AsOf, out var left) && left > 0)
        {
            _failing[report.AsOf] = left - 1;
            Interlocked.Increment(ref FailuresInjected);
            throw new IOException($"injected failure storing the {report.Kind} report as of {report.AsOf:yyyy-MM-dd}");
        }
        return inner.PutAsync(report, cancellationToken);
    }

    public Task<StoredReport?> GetAsync(ReportKind kind, DateOnly asOf, CancellationToken cancellationToken = default) => inner.GetAsync(kind, asOf, cancellationToken);

    public Task<StoredReport?> GetLatestAsync(ReportKind kind, CancellationToken cancellationToken = default) => inner.GetLatestAsync(kind, cancellationToken);

    public Task<IReadOnlyList<DateOnly>> ListAsOfAsync(ReportKind kind, DateOnly from, DateOnly to, int limit = 1000, CancellationToken cancellationToken = default) =>
        inner.ListAsOfAsync(kind, from, to, limit, cancellationToken);
}
