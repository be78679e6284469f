using Longview.Core.Events;
using Longview.Core.Ingestion;

namespace Longview.Local.Api;

/// <summary>The 200 answer of the ingest routes: what was applied, what was already known, and each refused entry with its reason.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEntry> Rejected)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, report.Rejected.Select(RejectedEntry.From).ToList());
}

/// <summary>One refused entry: its position in the batch, its id when readable, the field at fault and why.</summary>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);
}
