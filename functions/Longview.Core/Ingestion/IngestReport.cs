using Longview.Core.Batches;
using Longview.Core.Events;

namespace Longview.Core.Ingestion;

/// <summary>What happened to a batch: every event is exactly one of accepted, duplicate or rejected.</summary>
public sealed record IngestReport(int Accepted, int Duplicates, IReadOnlyList<EventError> Rejected);

/// <summary>The report of a batch, or why the body as a whole was refused.</summary>
public sealed record IngestResult(IngestReport? Report, BatchFailure? Failure)
{
    public static IngestResult Of(IngestReport report) => new(report, null);

    public static IngestResult Refused(BatchFailure failure) => new(null, failure);
}
