using Longview.Core.Events;

namespace Longview.Core.Ingestion;

/// <summary>
/// One input the ingest path refused, kept with its raw payload so it can be inspected and replayed: Event Hubs
/// advances its checkpoint whatever happens, so a rejected event must land somewhere durable.
/// </summary>
/// <param name="BatchId">Stable id of the delivery (e.g. Event Hubs partition + first sequence number), so a redelivery maps to the same letters.</param>
/// <param name="Index">Position of the event in the batch, as reported in <see cref="EventError.Index"/>.</param>
/// <param name="EventId">The event's id when it could be read.</param>
/// <param name="Field">The field at fault, when one is.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="RawPayload">The text as received (the whole message when the event could not be split out of it).</param>
public sealed record DeadLetter(string BatchId, int Index, string? EventId, string? Field, string Reason, string RawPayload)
{
    public static DeadLetter FromError(string batchId, EventError error, string rawPayload) =>
        new(batchId, error.Index, error.EventId, error.Field, error.Reason, rawPayload);
}
