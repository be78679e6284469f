using System.Diagnostics;
using System.Diagnostics.Metrics;
using Longview.Core.Ingestion;

namespace Longview.Core.Telemetry;

/// <summary>
/// The instruments of the <see cref="LongviewTelemetry.Name"/> meter, one per product fact an operator watches:
/// ingestion outcomes and dead letters, served lists (by model version and source, so fallback and cold-start rates
/// are ratios of one counter) and their latency, model errors, dropped impressions, store retries and Cosmos request
/// charges, training and retention job outcomes and durations. Names follow the OpenTelemetry conventions
/// (<c>longview.events.accepted</c>, durations in seconds); user ids are never tags. Created from the host's
/// <see cref="IMeterFactory"/> so each service provider (each test) observes only its own measurements.
/// </summary>
public sealed class LongviewMetrics
{
    private readonly Counter<long> _eventsAccepted;
    private readonly Counter<long> _eventsDuplicate;
    private readonly Counter<long> _eventsRejected;
    private readonly Counter<long> _eventsErased;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _recommendationsServed;
    private readonly Histogram<double> _recommendationDuration;
    private readonly Counter<long> _modelErrors;
    private readonly Counter<long> _impressionsDropped;
    private readonly Counter<long> _storeRetries;
    private readonly Histogram<double> _requestCharge;
    private readonly Counter<long> _trainingRuns;
    private readonly Histogram<double> _trainingDuration;
    private readonly Counter<long> _retentionRuns;
    private readonly Histogram<double> _retentionDuration;

    /// <summary>
    /// The instruments of services built by hand, without a host's factory (tools, tests that do not read metrics): one
    /// shared meter, so building many such services does not create a meter each. Exporters subscribed to the
    /// <see cref="LongviewTelemetry.Name"/> meter by name see it too.
    /// </summary>
    public static LongviewMetrics Unscoped { get; } = new();

    /// <param name="meterFactory">The host's factory; without one a meter of this instance's own.</param>
    public LongviewMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(LongviewTelemetry.Name) ?? new Meter(LongviewTelemetry.Name);
        _eventsAccepted = meter.CreateCounter<long>("longview.events.accepted", "{event}", "Events applied to a profile.");
        _eventsDuplicate = meter.CreateCounter<long>("longview.events.duplicate", "{event}", "Events already applied (same eventId): nothing changed.");
        _eventsRejected = meter.CreateCounter<long>("longview.events.rejected", "{event}", "Events refused with a per-event error.");
        _eventsErased = meter.CreateCounter<long>("longview.events.erased", "{event}", "Events dropped because their user was erased after them.");
        _deadLetters = meter.CreateCounter<long>("longview.dead_letters", "{event}", "Stream events and messages written to the dead-letter store.");
        _recommendationsServed = meter.CreateCounter<long>("longview.recommendations.served", "{list}", "Recommendation lists served, by model version and source (model, cold_start, fallback).");
        _recommendationDuration = meter.CreateHistogram<double>("longview.recommendation.duration", "s", "Time to serve one list: profile read, scoring, re-ranking.");
        _modelErrors = meter.CreateCounter<long>("longview.model.errors", "{error}", "Model failures at serving time; the request was answered without the model.");
        _impressionsDropped = meter.CreateCounter<long>("longview.impressions.dropped", "{impression}", "Impression events of served lists that were not logged (queue full or store failure); the answers were not affected.");
        _storeRetries = meter.CreateCounter<long>("longview.store.retries", "{retry}", "Store calls retried after a transient failure.");
        _requestCharge = meter.CreateHistogram<double>("longview.cosmos.request_charge", "{request_unit}", "Cosmos DB request units charged per request.");
        _trainingRuns = meter.CreateCounter<long>("longview.training.runs", "{run}", "Training pipeline runs ended, by outcome (promoted, rejected, failed).");
        _trainingDuration = meter.CreateHistogram<double>("longview.training.duration", "s", "Duration of ended training pipeline runs.");
        _retentionRuns = meter.CreateCounter<long>("longview.retention.runs", "{day}", "Retention job days computed, by outcome (succeeded, failed).");
        _retentionDuration = meter.CreateHistogram<double>("longview.retention.duration", "s", "Duration of one retention job day (scan, reports, write).");
    }

    public void Ingested(IngestReport report)
    {
        Add(_eventsAccepted, report.Accepted);
        Add(_eventsDuplicate, report.Duplicates);
        Add(_eventsRejected, report.Rejected.Count);
        Add(_eventsErased, report.Erased);
    }

    public void DeadLettered(int letters) => Add(_deadLetters, letters);

    public void Served(string modelVersion, string source, string segment) =>
        _recommendationsServed.Add(1, new TagList
        {
            { TelemetryTags.ModelVersion, modelVersion },
            { TelemetryTags.RecommendationSource, source },
            { TelemetryTags.Segment, segment },
        });

    public void ServeDuration(TimeSpan elapsed) => _recommendationDuration.Record(elapsed.TotalSeconds);

    public void ModelFailed(string modelVersion, string part) =>
        _modelErrors.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ModelVersion, modelVersion), new KeyValuePair<string, object?>(TelemetryTags.ModelPart, part));

    public void ImpressionsDropped(int impressions) => Add(_impressionsDropped, impressions);

    public void StoreRetried(string operation) =>
        _storeRetries.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Operation, operation));

    public void RequestCharged(double requestUnits, string operation, string container) =>
        _requestCharge.Record(requestUnits, new KeyValuePair<string, object?>(TelemetryTags.Operation, operation), new KeyValuePair<string, object?>(TelemetryTags.Container, container));

    public void TrainingEnded(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome);
        _trainingRuns.Add(1, tag);
        _trainingDuration.Record(duration.TotalSeconds, tag);
    }

    public void RetentionDayEnded(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome);
        _retentionRuns.Add(1, tag);
        _retentionDuration.Record(duration.TotalSeconds, tag);
    }

    private static void Add(Counter<long> counter, int value)
    {
        // A zero adds nothing to a sum but would create an empty series in every exporter.
        if (value > 0)
        {
            counter.Add(value);
        }
    }
}
