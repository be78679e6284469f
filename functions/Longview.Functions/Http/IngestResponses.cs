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

/// <summary><see cref="Erased"/>: events dropped because their user was erased after them (present only when any were).</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected, int? Erased = null)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, [.. report.Rejected.Select(RejectedEntry.From)], report.Erased > 0 ? report.Erased : null);

    /// <summary>Items have no duplicates: an item with a known id replaces the stored one.</summary>
    public static IngestResponse From(ItemReport report) =>
        new(report.Accepted, 0, [.. report.Rejected.Select(RejectedEntry.From)]);
}

/// <summary>One refused entry: position in the batch, id when readable (the itemId for items), field at fault, why.</summary>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);

    public static RejectedEntry From(ItemError error) => new(error.Index, error.ItemId, error.Field, error.Reason);
}
