using Longview.Core.Batches;
using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Ingestion;

/// <summary>
/// The one ingestion path behind every host (HTTP, Event Hubs, CLI import): parse, group by user, read the item
/// categories and the profiles, fold, write back with optimistic concurrency. Users whose write conflicts are re-read
/// and re-folded (bounded retries, jittered backoff); events still conflicting after that are reported as rejected,
/// never silently lost. Each event ends as exactly one of accepted, duplicate, rejected or erased.
/// Erasure cannot be undone from here: a profile is only ever started after reading the user's erasure record, events
/// from before the erasure are dropped and counted (<see cref="EventOutcome.Erased"/>, <see cref="IngestReport.Erased"/>), and a profile created while an erasure ran
/// (read before it, written after it) is found by reading the record again after the write, deleted and re-folded.
/// </summary>
public sealed partial class EventIngestion(
    EventBatchReader reader,
    ProfileAggregator aggregator,
    IProfileStore profiles,
    IItemCatalog catalog,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    UserIdHash userIdHash,
    ILogger<EventIngestion> logger,
    IEnumerable<IIngestedEventsObserver>? observers = null,
    LongviewMetrics? metrics = null)
{
    private readonly LongviewMetrics _metrics = metrics ?? LongviewMetrics.Unscoped;
    private readonly IIngestedEventsObserver[] _observers = observers?.ToArray() ?? [];
    private static readonly IReadOnlyList<string> NoCategories = [];

    /// <summary>Parses a request body and applies its valid events.</summary>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var read = reader.Read(body);
        if (read.Failure is not null)
        {
            LogRefused(read.Failure.Status, read.Failure.Detail);
            return IngestResult.Refused(read.Failure);
        }

        return IngestResult.Of(await ApplyAsync(read.Values, [.. read.Errors], cancellationToken));
    }

    /// <summary>
    /// Applies already-built events (imports). They are validated with the same rules as the body path; the index of
    /// an error is the position in <paramref name="events"/>. No batch-size limit: the caller chooses its chunks.
    /// </summary>
    public Task<IngestReport> IngestAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default) =>
        IngestAsync(events, knownProfiles: null, WriteDurability.Durable, cancellationToken);

    /// <summary>
    /// Like <see cref="IngestAsync(IReadOnlyList{UserEvent}, CancellationToken)"/>, starting from profiles the caller
    /// has just read (by user id): the first attempt folds onto them instead of reading them again. Their ETags still
    /// guard the writes, so a profile that changed since is re-read and re-folded like any other conflict. The caller
    /// hands the profile objects over: they are modified. The profiles are written with <paramref name="durability"/>
    /// (the erasure checks and their deletes stay durable).
    /// </summary>
    public async Task<IngestReport> IngestAsync(IReadOnlyList<UserEvent> events, IReadOnlyDictionary<string, StoredProfile>? knownProfiles, WriteDurability durability,
        CancellationToken cancellationToken = default)
    {
        var valid = new List<Indexed<UserEvent>>(events.Count);
        var rejected = new List<EventError>();
        for (var i = 0; i < events.Count; i++)
        {
            if (reader.Validate(events[i], i) is { } error)
            {
                rejected.Add(error);
            }
            else
            {
                valid.Add(new Indexed<UserEvent>(i, events[i]));
            }
        }

        return await ApplyAsync(valid, rejected, cancellationToken, knownProfiles, durability);
    }

    private async Task<IngestReport> ApplyAsync(IReadOnlyList<Indexed<UserEvent>> events, List<EventError> rejected, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, StoredProfile>? knownProfiles = null, WriteDurability durability = WriteDurability.Durable)
    {
        using var activity = LongviewTelemetry.ActivitySource.StartActivity("longview.ingest");
        var byUser = new Dictionary<string, List<Indexed<UserEvent>>>(StringComparer.Ordinal);
        var itemIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!byUser.TryGetValue(e.Value.UserId, out var list))
            {
                byUser[e.Value.UserId] = list = [];
            }

            list.Add(e);
            // Categories only feed affinity, which impressions never move (AffinityWeights.For): the impression
            // batches of served lists then need no catalogue read.
            if (e.Value.ItemId is { } itemId && e.Value.Type != EventType.Impression)
            {
                itemIds.Add(itemId);
            }
        }

        foreach (var list in byUser.Values)
        {
            // Oldest first: a new or lagging profile then takes all of them before its dedup record fills up.
            list.Sort((a, b) => a.Value.Timestamp.UtcTicks != b.Value.Timestamp.UtcTicks ? a.Value.Timestamp.UtcTicks.CompareTo(b.Value.Timestamp.UtcTicks) : a.Index.CompareTo(b.Index));
        }

        var items = itemIds.Count == 0 ? new Dictionary<string, CatalogItem>() : await catalog.GetManyAsync(itemIds, cancellationToken);
        var tally = new Tally(rejected);
        var pending = byUser.Keys.ToList();
        var settings = options.Value;
        var conflicts = 0;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Backoff(attempt, settings), timeProvider, cancellationToken);
            }

            var stored = attempt == 0 && knownProfiles is { Count: > 0 }
                ? await ReadUnknownAsync(pending, knownProfiles, cancellationToken)
                : await profiles.GetManyAsync(pending, cancellationToken);
            // A user without a profile may have been erased: the new profile must not take what came before.
            var erasures = await ErasuresAsync(pending.Where(userId => !stored.ContainsKey(userId)).ToList(), cancellationToken);
            var writes = new List<ProfileWrite>(pending.Count);
            var folds = new List<(string UserId, EventOutcome[] Outcomes, UserProfile? Created)>(pending.Count);
            foreach (var userId in pending)
            {
                var current = stored.GetValueOrDefault(userId);
                var profile = current?.Profile
                    ?? (erasures.TryGetValue(userId, out var erasedAt) ? ProfileAggregator.NewProfileAfterErasure(userId, erasedAt) : ProfileAggregator.NewProfile(userId));
                var userEvents = byUser[userId];
                var outcomes = new EventOutcome[userEvents.Count];
                var changed = false;
                for (var i = 0; i < userEvents.Count; i++)
                {
                    var e = userEvents[i].Value;
                    var categories = e.ItemId is { } itemId && items.TryGetValue(itemId, out var item) ? item.Categories : NoCategories;
                    outcomes[i] = aggregator.Apply(profile, e, categories);
                    changed |= outcomes[i] == EventOutcome.Applied;
                }

                if (changed)
                {
                    writes.Add(new ProfileWrite(profile, current?.ETag));
                    folds.Add((userId, outcomes, current is null ? profile : null));
                }
                else
                {
                    tally.Settle(userEvents, outcomes);
                }
            }

            var results = writes.Count == 0 ? [] : await profiles.WriteManyAsync(writes, durability, cancellationToken);
            var undone = await UndoCreatedDuringErasureAsync(folds, results, cancellationToken);
            pending = [];
            for (var i = 0; i < folds.Count; i++)
            {
                var (userId, outcomes, _) = folds[i];
                if (results[i].Status == WriteStatus.Written && !undone.Contains(userId))
                {
                    tally.Settle(byUser[userId], outcomes);
                }
                else
                {
                    conflicts++;
                    pending.Add(userId);
                }
            }

            if (pending.Count > 0 && attempt >= settings.MaxConflictRetries)
            {
                foreach (var userId in pending)
                {
                    tally.RejectAll(byUser[userId], $"concurrency conflict: the profile of this event's user kept changing during {attempt + 1} attempts; the event was not applied, retry it");
                }

                LogGaveUp(pending.Count, attempt + 1);
                break;
            }
        }

        var report = tally.Report();
        if (_observers.Length > 0 && tally.Applied.Count > 0)
        {
            foreach (var observer in _observers)
            {
                observer.OnApplied(tally.Applied);
            }
        }
        _metrics.Ingested(report);
        activity?.SetTag("longview.events.accepted", report.Accepted).SetTag("longview.events.duplicate", report.Duplicates)
            .SetTag("longview.events.rejected", report.Rejected.Count).SetTag("longview.users", byUser.Count).SetTag("longview.conflicts", conflicts);
        LogBatch(report.Accepted + report.Duplicates + report.Rejected.Count + report.Erased, report.Accepted, report.Duplicates, report.Rejected.Count, report.Erased, byUser.Count, conflicts);
        return report;
    }

    /// <summary>The latest erasure time of each of these users that was ever erased (by user id).</summary>
    private async Task<Dictionary<string, DateTimeOffset>> ErasuresAsync(List<string> userIds, CancellationToken cancellationToken)
    {
        var erased = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return erased;
        }

        var hashes = new Dictionary<string, string>(userIds.Count, StringComparer.Ordinal);
        foreach (var userId in userIds)
        {
            hashes[userId] = userIdHash.Of(userId);
        }

        var records = await profiles.GetErasuresAsync(hashes.Values.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        foreach (var (userId, hash) in hashes)
        {
            if (records.TryGetValue(hash, out var erasedAt))
            {
                erased[userId] = erasedAt;
            }
        }
        return erased;
    }

    /// <summary>
    /// A profile this pass created from a read that found no profile and no newer erasure than it knew may have raced an
    /// erasure: read before the erasure's record, written after its delete. Erasure records its time before it deletes,
    /// so reading the records after the write finds every such erasure (any later one deletes the profile itself). Those
    /// profiles are deleted, whatever they hold by now (erasure wins), and their users folded again; returns them.
    /// </summary>
    private async Task<HashSet<string>> UndoCreatedDuringErasureAsync(List<(string UserId, EventOutcome[] Outcomes, UserProfile? Created)> folds,
        IReadOnlyList<WriteResult> results, CancellationToken cancellationToken)
    {
        var undone = new HashSet<string>(StringComparer.Ordinal);
        var created = new List<string>();
        for (var i = 0; i < folds.Count; i++)
        {
            if (folds[i].Created is not null && results[i].Status == WriteStatus.Written)
            {
                created.Add(folds[i].UserId);
            }
        }
        if (created.Count == 0)
        {
            return undone;
        }

        var erasures = await ErasuresAsync(created, cancellationToken);
        foreach (var fold in folds)
        {
            if (fold.Created is { } profile && erasures.TryGetValue(fold.UserId, out var erasedAt) && (profile.ErasedAt is not { } known || erasedAt > known))
            {
                await profiles.DeleteAsync(fold.UserId, cancellationToken);
                undone.Add(fold.UserId);
                LogUndone(userIdHash.Of(fold.UserId));
            }
        }
        return undone;
    }

    private async Task<IReadOnlyDictionary<string, StoredProfile>> ReadUnknownAsync(List<string> userIds, IReadOnlyDictionary<string, StoredProfile> known, CancellationToken cancellationToken)
    {
        var unknown = userIds.Where(userId => !known.ContainsKey(userId)).ToList();
        var read = unknown.Count == 0 ? new Dictionary<string, StoredProfile>(StringComparer.Ordinal) : await profiles.GetManyAsync(unknown, cancellationToken);
        var all = new Dictionary<string, StoredProfile>(read, StringComparer.Ordinal);
        foreach (var userId in userIds)
        {
            if (known.TryGetValue(userId, out var profile))
            {
                all[userId] = profile;
            }
        }
        return all;
    }

    private TimeSpan Backoff(int attempt, IngestionOptions settings)
    {
        var exponential = settings.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        // Jitter spreads writers that collided on the same user so they do not collide again in lockstep.
        var jittered = capped * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(jittered);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested batch of {Events} events: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Erased} erased, {Users} users, {Conflicts} write conflicts")]
    private partial void LogBatch(int events, int accepted, int duplicates, int rejected, int erased, int users, int conflicts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on {Users} users after {Attempts} conflicting write attempts; their events are reported as rejected")]
    private partial void LogGaveUp(int users, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserIdHash} was erased while their new profile was being written; deleted it and folding again without the erased events")]
    private partial void LogUndone(string userIdHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a batch body with status {Status}: {Detail}")]
    private partial void LogRefused(int status, string detail);

    /// <summary>Counts the final outcome of each event.</summary>
    private sealed class Tally(List<EventError> rejected)
    {
        private int _accepted;
        private int _duplicates;
        private int _erased;

        public List<UserEvent> Applied { get; } = [];

        public void Settle(List<Indexed<UserEvent>> events, EventOutcome[] outcomes)
        {
            for (var i = 0; i < events.Count; i++)
            {
                switch (outcomes[i])
                {
                    case EventOutcome.Applied:
                        _accepted++;
                        Applied.Add(events[i].Value);
                        break;
                    case EventOutcome.Duplicate:
                        _duplicates++;
                        break;
                    case EventOutcome.Erased:
                        // Not a rejection: rejections end as dead letters holding the raw event, user id included.
                        _erased++;
                        break;
                    default:
                        rejected.Add(new EventError(events[i].Index, events[i].Value.EventId, "timestamp",
                            "older than every event the user's deduplication record remembers, so it cannot be applied exactly once; not applied"));
                        break;
                }
            }
        }

        public void RejectAll(List<Indexed<UserEvent>> events, string reason)
        {
            foreach (var e in events)
            {
                rejected.Add(new EventError(e.Index, e.Value.EventId, "userId", reason));
            }
        }

        public IngestReport Report()
        {
            rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
            return new IngestReport(_accepted, _duplicates, rejected, _erased);
        }
    }
}
