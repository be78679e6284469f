using Longview.Core.Ingestion;
using Longview.Core.Items;

namespace Longview.Api;

/// <summary>
/// The 200 answer of the ingest routes: what was applied, what was already known, each refused entry with its reason,
/// and <see cref="Erased"/>: events dropped because their user was erased after them (present only when any were).
/// </summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected, int? Erased = null)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, [.. report.Rejected.Select(RejectedEntry.From)], report.Erased > 0 ? report.Erased : null);

    /// <summary>Items have no duplicates: an item with a known id replaces the stored one.</summary>
    public static IngestResponse From(ItemReport report) =>
        new(report.Accepted, 0, [.. report.Rejected.Select(RejectedEntry.From)]);
}
