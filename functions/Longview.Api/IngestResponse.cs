using Longview.Core.Ingestion;
using Longview.Core.Items;

namespace Longview.Api;

/// <summary>The 200 answer of the ingest routes: what was applied, what was already known, and each refused entry with its reason.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, [.. report.Rejected.Select(RejectedEntry.From)]);

    /// <summary>Items have no duplicates: an item with a known id replaces the stored one.</summary>
    public static IngestResponse From(ItemReport report) =>
        new(report.Accepted, 0, [.. report.Rejected.Select(RejectedEntry.From)]);
}
