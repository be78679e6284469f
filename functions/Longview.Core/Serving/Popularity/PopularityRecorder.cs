using Longview.Core.Events;
using Longview.Core.Ingestion;

namespace Longview.Core.Serving.Popularity;

/// <summary>Feeds every applied event (HTTP, stream, import, logged impressions) into the popularity table cold start ranks by.</summary>
public sealed class PopularityRecorder(DecayingPopularity popularity) : IIngestedEventsObserver
{
    public void OnApplied(IReadOnlyList<UserEvent> events) => popularity.Record(events);
}
