using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Items;

namespace Longview.Local.Api;

/// <summary>
/// The 200 answer of the ingest routes: what was applied, what was already known, each refused entry with its reason,
/// and (only when there were any) how many events were dropped because their user was erased after them.
/// </summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected, int? Erased = null)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, report.Rejected.Select(RejectedEntry.From).ToList(), report.Erased > 0 ? report.Erased : null);

    /// <summary>Items have no duplicates: an item with a known id replaces the stored one.</summary>
    public static IngestResponse From(ItemReport report) =>
        new(report.Accepted, 0, report.Rejected.Select(RejectedEntry.From).ToList());
}

/// <summary>One refused entry: its position in the batch, its id when readable, the field at fault and why.</summary>
/// <remarks>For items, <see cref="EventId"/> carries the itemId: DESIGN.md gives both routes the same answer shape.</remarks>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);

    public static RejectedEntry From(ItemError error) => new(error.Index, error.ItemId, error.Field, error.Reason);
}
