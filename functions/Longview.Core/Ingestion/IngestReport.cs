using Longview.Core.Batches;
using Longview.Core.Events;

namespace Longview.Core.Ingestion;

/// <summary>
/// What happened to a batch: every event is exactly one of accepted, duplicate, rejected or erased. <see cref="Erased"/>
/// counts events of a user erased after the event's time (<see cref="Profiles.EventOutcome.Erased"/>): dropped on
/// purpose and kept nowhere, not even as a rejection or dead letter (those hold the raw event, user id included).
/// </summary>
public sealed record IngestReport(int Accepted, int Duplicates, IReadOnlyList<EventError> Rejected, int Erased = 0);

/// <summary>The report of a batch, or why the body as a whole was refused.</summary>
public sealed record IngestResult(IngestReport? Report, BatchFailure? Failure)
{
    public static IngestResult Of(IngestReport report) => new(report, null);

    public static IngestResult Refused(BatchFailure failure) => new(null, failure);
}
