using System.Text;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Profiles;
using Longview.Core.Serving.Popularity;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Ingestion;

/// <summary>Observers (serving's popularity) hear exactly the events a batch applied: never duplicates or rejected ones.</summary>
public sealed class IngestedEventsObserverTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Recorder : IIngestedEventsObserver
    {
        public List<string> EventIds { get; } = [];

        public void OnApplied(IReadOnlyList<UserEvent> events) => EventIds.AddRange(events.Select(e => e.EventId));
    }

    private static EventIngestion Ingestion(params IIngestedEventsObserver[] observers) => new(
        new EventBatchReader(new EventLimits(), new FixedTimeProvider(Now)),
        new ProfileAggregator(new ProfileLimits()),
        new InMemoryProfileStore(),
        new InMemoryItemCatalog(),
        Options.Create(new IngestionOptions()),
        TimeProvider.System,
        new Longview.Core.Privacy.UserIdHash(salt: null),
        NullLogger<EventIngestion>.Instance,
        observers);

    private static ReadOnlyMemory<byte> Body(params string[] ids) => Encoding.UTF8.GetBytes("[" + string.Join(',', ids.Select(id =>
        id == "bad"
            ? """{"eventId":"bad","userId":"u1","itemId":"i1","type":"watch","timestamp":"2025-05-01T10:00:00Z"}"""
            : $$"""{"eventId":"{{id}}","userId":"u1","itemId":"{{id}}-item","type":"click","timestamp":"2025-05-01T10:00:00Z"}""")) + "]");

    [Fact]
    public async Task Only_applied_events_reach_the_observers_once()
    {
        var recorder = new Recorder();
        var ingestion = Ingestion(recorder);

        await ingestion.IngestAsync(Body("e1", "bad", "e2", "e1"));
        await ingestion.IngestAsync(Body("e2", "e3"));

        Assert.Equal(["e1", "e2", "e3"], recorder.EventIds);
    }

    [Fact]
    public async Task Popularity_fed_by_ingestion_ranks_what_was_engaged_with()
    {
        var popularity = new DecayingPopularity(new FixedTimeProvider(Now), Options.Create(new PopularityOptions()));
        var ingestion = Ingestion(new PopularityRecorder(popularity));

        await ingestion.IngestAsync(Body("a", "b"));
        await ingestion.IngestAsync(Encoding.UTF8.GetBytes("""[{"eventId":"c","userId":"u2","itemId":"b-item","type":"click","timestamp":"2025-05-01T10:00:00Z"}]"""));
        await ingestion.IngestAsync(Encoding.UTF8.GetBytes("""[{"eventId":"c","userId":"u2","itemId":"b-item","type":"click","timestamp":"2025-05-01T10:00:00Z"}]"""));

        Assert.Equal(["b-item", "a-item"], popularity.Current.Ranked);
        Assert.Equal(2 * popularity.Current.WeightOf("a-item"), popularity.Current.WeightOf("b-item"), 9);
    }
}
