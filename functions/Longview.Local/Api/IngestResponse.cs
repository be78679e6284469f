using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Items;

namespace Longview.Local.Api;

/// <summary>The 200 answer of the ingest routes: what was applied, what was already known, and each refused entry with its reason.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, report.Rejected.Select(RejectedEntry.From).ToList());

    /// <summary>Items have no duplicates: an item with a known id replaces the stored one.</summary>
    public static IngestResponse From(ItemReport report) =>
        new(report.Accepted, 0, report.Rejected.Select(RejectedEntry.From).ToList());
}

/// <summary>One refused entry: its position in the batch, its id when readable, the field at fault and why.</summary>
/// <remarks>Both routes answer the same shape; an event names its id under <c>eventId</c>, an item under <c>itemId</c>.</remarks>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);

    /// <summary>An item's id is its <c>itemId</c>; <see cref="EventId"/> stays null, so it is not written.</summary>
    public string? ItemId { get; init; }

    public static RejectedEntry From(ItemError error) => new(error.Index, null, error.Field, error.Reason) { ItemId = error.ItemId };
}
