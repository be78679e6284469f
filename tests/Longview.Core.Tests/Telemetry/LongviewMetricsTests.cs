using System.Diagnostics.Metrics;
using System.Text;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Popularity;
using Longview.Core.Streaming;
using Longview.Core.Telemetry;
using Longview.Core.Tests.Ranking;
using Longview.Core.Tests.Retention.Jobs;
using Longview.Core.Tests.Streaming;
using Longview.Core.Tests.Support;
using Longview.Core.Tests.Training;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Telemetry;

/// <summary>
/// The Longview meter records what the use cases did, read with the framework's <see cref="MetricCollector{T}"/> on a
/// meter factory of the test's own (so tests running in parallel never see each other's measurements).
/// </summary>
public sealed class LongviewMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Factory, LongviewTelemetry.Name, instrument);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Each_event_is_counted_once_as_accepted_duplicate_or_rejected()
    {
        var metrics = new LongviewMetrics(Factory);
        using var accepted = Collect<long>("longview.events.accepted");
        using var duplicate = Collect<long>("longview.events.duplicate");
        using var rejected = Collect<long>("longview.events.rejected");
        var ingestion = new EventIngestion(
            new EventBatchReader(new EventLimits(), new FixedTimeProvider(Now)), new ProfileAggregator(new ProfileLimits()),
            new InMemoryProfileStore(), new InMemoryItemCatalog(), Options.Create(new IngestionOptions()), TimeProvider.System,
            new Longview.Core.Privacy.UserIdHash(salt: null), NullLogger<EventIngestion>.Instance, metrics: metrics);
        var body = Encoding.UTF8.GetBytes("""
            [{"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"2025-05-01T10:00:00Z"},
             {"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"2025-05-01T10:00:00Z"},
             {"eventId":"e2","userId":"u2","itemId":"i1","type":"watch","timestamp":"2025-05-01T10:00:00Z"},
             {"eventId":"e3","userId":"u2","itemId":"i2","type":"click","timestamp":"2025-05-01T11:00:00Z"}]
            """);

        await ingestion.IngestAsync(body);

        Assert.Equal((2L, 1L, 1L), (accepted.GetMeasurementSnapshot().EvaluateAsCounter(), duplicate.GetMeasurementSnapshot().EvaluateAsCounter(), rejected.GetMeasurementSnapshot().EvaluateAsCounter()));
    }

    [Fact]
    public async Task A_served_list_is_counted_by_model_version_and_source_and_timed_without_the_user_id()
    {
        var metrics = new LongviewMetrics(Factory);
        using var served = Collect<long>("longview.recommendations.served");
        using var duration = Collect<double>("longview.recommendation.duration");
        using var errors = Collect<long>("longview.model.errors");
        var world = new ServingWorld(seed: 3);
        var profile = world.Profile("user-7", events: 30, seed: 4);

        await Service(world, world.Model("m1"), metrics, profile).RecommendAsync("user-7", new RecommendationRequest(5));
        await Service(world, new NoModel(), metrics, profile).RecommendAsync("user-7", new RecommendationRequest(5));
        var broken = new HashModel("m-broken", world.Items.Select(i => i.ItemId).ToList(), broken: true);
        await Service(world, broken, metrics, profile).RecommendAsync("user-7", new RecommendationRequest(5));

        var lists = served.GetMeasurementSnapshot();
        Assert.Equal(
            [("m1", "model"), ("fallback", "fallback"), ("m-broken", "cold_start")],
            lists.Select(m => ((string)m.Tags[TelemetryTags.ModelVersion]!, (string)m.Tags[TelemetryTags.RecommendationSource]!)));
        Assert.All(lists, m => Assert.DoesNotContain(m.Tags.Values, v => Equals(v, "user-7")));
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count);
        Assert.Contains(errors.GetMeasurementSnapshot(), m => (string)m.Tags[TelemetryTags.ModelVersion]! == "m-broken");
    }

    [Fact]
    public async Task Dead_letters_are_counted_when_written()
    {
        var metrics = new LongviewMetrics(Factory);
        using var letters = Collect<long>("longview.dead_letters");
        var sink = new RecordingDeadLetterSink();
        var reader = new EventBatchReader(new EventLimits(), TimeProvider.System);
        var retry = new TransientRetry(Options.Create(new TransientRetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            new TimeoutsAreTransient(), TimeProvider.System, NullLogger<TransientRetry>.Instance);
        var stream = new EventStreamIngestion(reader,
            new EventIngestion(reader, new ProfileAggregator(new ProfileLimits()), new FlakyProfileStore(), new NoItems(), Options.Create(new IngestionOptions()),
                TimeProvider.System, new Longview.Core.Privacy.UserIdHash(salt: null), NullLogger<EventIngestion>.Instance),
            sink, retry, TimeProvider.System, Options.Create(new StreamIngestionOptions()), NullLogger<EventStreamIngestion>.Instance, metrics);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");

        await stream.IngestAsync([
            new StreamMessage("m1", $$"""{"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"{{at}}"}"""),
            new StreamMessage("m2", $$"""{"eventId":"e2","userId":"u1","itemId":"i1","type":"teleport","timestamp":"{{at}}"}"""),
            new StreamMessage("m3", "not JSON"),
        ]);

        Assert.Equal(2, sink.Letters.Count);
        Assert.Equal(2, letters.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Store_retries_are_counted_by_operation()
    {
        var metrics = new LongviewMetrics(Factory);
        using var retries = Collect<long>("longview.store.retries");
        var retry = new TransientRetry(
            Options.Create(new TransientRetryOptions { MaxAttempts = 5, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            new EveryFailureIsTransient(), TimeProvider.System, NullLogger<TransientRetry>.Instance, metrics);
        var calls = 0;

        await retry.ExecuteAsync("read profile", _ => ++calls < 3 ? throw new IOException("busy") : Task.FromResult(calls));

        var measured = retries.GetMeasurementSnapshot();
        Assert.Equal(2, measured.EvaluateAsCounter());
        Assert.All(measured, m => Assert.Equal("read profile", m.Tags[TelemetryTags.Operation]));
    }

    [Fact]
    public async Task A_training_run_is_counted_once_with_its_outcome_and_duration()
    {
        using var runs = Collect<long>("longview.training.runs");
        using var durations = Collect<double>("longview.training.duration");
        var promoted = new PipelineHarness { Metrics = new LongviewMetrics(Factory) };
        promoted.CandidateProduces("v1", 0.05, 0.3, 0.7);
        var failed = new PipelineHarness { Metrics = new LongviewMetrics(Factory) };
        failed.Runner.Statuses.Clear();
        failed.Runner.Statuses.AddRange([new(TrainingJobState.Running), new(TrainingJobState.Failed, "exit code 1")]);

        var first = await promoted.RunAsync();
        var second = await failed.RunAsync();

        Assert.Equal(["promoted", "failed"], runs.GetMeasurementSnapshot().Select(m => (string)m.Tags[TelemetryTags.Outcome]!));
        Assert.Equal(
            [(first.EndedAt - first.StartedAt)!.Value.TotalSeconds, (second.EndedAt - second.StartedAt)!.Value.TotalSeconds],
            durations.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.True(durations.GetMeasurementSnapshot()[1].Value > 0);
    }

    [Fact]
    public async Task Retention_days_are_counted_with_their_outcome()
    {
        using var days = Collect<long>("longview.retention.runs");
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-02-01", "2024-02-02");
        var step = new RetentionRunDayStep(fixture.Job, fixture.Clock, new LongviewMetrics(Factory));

        await step.RunAsync("2024-02-03", CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => step.RunAsync("2024-02-30", CancellationToken.None));

        Assert.Equal(["succeeded", "failed"], days.GetMeasurementSnapshot().Select(m => (string)m.Tags[TelemetryTags.Outcome]!));
    }

    private static RecommendationService Service(ServingWorld world, Longview.Core.Serving.Models.IModelSource model, LongviewMetrics metrics, UserProfile profile) => new(
        new MemoryProfiles([profile]), model,
        new CatalogSnapshotCache(new MemoryCatalog(world.Items), world.Time, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance),
        new FixedPopularitySource(world.Popularity), world.Time, Options.Create(world.Options), NullLogger<RecommendationService>.Instance, metrics: metrics);

    private sealed class EveryFailureIsTransient : ITransientFailureClassifier
    {
        public bool IsTransient(Exception exception, out TimeSpan? retryAfter)
        {
            retryAfter = null;
            return true;
        }
    }
}
