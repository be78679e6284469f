using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>
/// The HTTP answer of an ingestion, the same shape as the self-hosted host's (DESIGN.md gives events and items one
/// answer): 200 with the counts and each refused entry, or problem+json when the body as a whole was refused.
/// </summary>
public static class IngestResponses
{
    public static IActionResult From(IngestResult result) =>
        result.Failure is { } failure ? Problems.From(failure) : JsonResponse.Ok(IngestResponse.From(result.Report!));

    public static IActionResult From(ItemIngestResult result) =>
        result.Failure is { } failure ? Problems.From(failure) : JsonResponse.Ok(IngestResponse.From(result.Report!));
}

public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, [.. report.Rejected.Select(RejectedEntry.From)]);

    /// <summary>Items have no duplicates: an item with a known id replaces the stored one.</summary>
    public static IngestResponse From(ItemReport report) =>
        new(report.Accepted, 0, [.. report.Rejected.Select(RejectedEntry.From)]);
}

/// <summary>One refused entry: position in the batch, its id when readable (eventId, or itemId for items), field at fault, why.</summary>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);

    /// <summary>An item's id is its <c>itemId</c>; <see cref="EventId"/> stays null, so it is not written.</summary>
    public string? ItemId { get; init; }

    public static RejectedEntry From(ItemError error) => new(error.Index, null, error.Field, error.Reason) { ItemId = error.ItemId };
}
