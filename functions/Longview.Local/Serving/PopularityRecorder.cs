using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Serving.Popularity;

namespace Longview.Local.Serving;

/// <summary>Feeds every applied event (HTTP, import, impressions) into the popularity table cold start ranks by.</summary>
internal sealed class PopularityRecorder(DecayingPopularity popularity) : IIngestedEventsObserver
{
    public void OnApplied(IReadOnlyList<UserEvent> events) => popularity.Record(events);
}
