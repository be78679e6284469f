using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>
/// The HTTP answer of an ingestion, the same shape as the self-hosted host's: 200 with the counts and each refused
/// entry, or problem+json when the body as a whole was refused.
/// </summary>
public static class IngestResponses
{
    public static IActionResult From(IngestResult result) =>
        result.Failure is { } failure
            ? Problems.Create(failure.Status, failure.Title, failure.Detail)
            : JsonResponse.Ok(EventsResponse.From(result.Report!));

    public static IActionResult From(ItemIngestResult result) =>
        result.Failure is { } failure
            ? Problems.Create(failure.Status, failure.Title, failure.Detail)
            : JsonResponse.Ok(ItemsResponse.From(result.Report!));
}

public sealed record EventsResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected)
{
    public static EventsResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, [.. report.Rejected.Select(RejectedEvent.From)]);
}

public sealed record RejectedEvent(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEvent From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);
}

public sealed record ItemsResponse(int Accepted, IReadOnlyList<RejectedItem> Rejected)
{
    public static ItemsResponse From(ItemReport report) =>
        new(report.Accepted, [.. report.Rejected.Select(RejectedItem.From)]);
}

public sealed record RejectedItem(int Index, string? ItemId, string Field, string Error)
{
    public static RejectedItem From(ItemError error) => new(error.Index, error.ItemId, error.Field, error.Reason);
}
