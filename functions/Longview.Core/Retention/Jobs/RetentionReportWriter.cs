using System.Globalization;
using System.Text;
using Longview.Core.Ports;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// Stores computed reports: each kind in the reports store and as <c>reports/{kind}/{asOf}.json|csv</c> blobs.
/// Every write replaces the one of the same (kind, as-of), so writing the same day twice is idempotent.
/// </summary>
public sealed class RetentionReportWriter(IRetentionReportStore store, IBlobStore blobs)
{
    public const string BlobContainer = "reports";

    public static string BlobName(ReportKind kind, DateOnly asOf, string extension) =>
        $"{kind.WireName()}/{asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    public async Task WriteAsync(RetentionReports reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var kind in ReportKinds.Retention)
        {
            var json = ReportRows.Json(reports, kind);
            // Blobs first: the store's latest report is what the API serves, so its copies exist before it does.
            await blobs.PutAsync(BlobContainer, BlobName(kind, reports.AsOf, "json"), Encoding.UTF8.GetBytes(json), cancellationToken: cancellationToken).ConfigureAwait(false);
            await blobs.PutAsync(BlobContainer, BlobName(kind, reports.AsOf, "csv"), Encoding.UTF8.GetBytes(ReportRows.Csv(kind, json)), cancellationToken: cancellationToken).ConfigureAwait(false);
            await store.PutAsync(new StoredReport(kind, reports.AsOf, reports.ComputedAt, json), cancellationToken).ConfigureAwait(false);
        }
    }
}
