using Longview.Core.Events;

namespace Longview.Core.Ingestion;

/// <summary>
/// Told about the events a batch actually applied (not duplicates, not rejected), once the profiles are written.
/// Serving's popularity table listens here so it counts each event exactly once, whatever path ingested it.
/// </summary>
public interface IIngestedEventsObserver
{
    /// <summary>Must be cheap and must not throw: it runs on the ingestion path after the writes succeeded.</summary>
    void OnApplied(IReadOnlyList<UserEvent> events);
}
