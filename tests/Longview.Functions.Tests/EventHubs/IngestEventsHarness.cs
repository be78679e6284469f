using Longview.Core.Privacy;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Serialization;
using Longview.Core.Streaming;
using Longview.Functions.Triggers;
using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Embedded.Sqlite;
using Longview.Infrastructure.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// The app's <see cref="IngestEvents"/> function wired as in production (Core ingestion, the Blob dead-letter sink, the
/// Azure failure classifier) over the embedded stores, SQLite profiles and a blob folder in a temporary directory,
/// each behind a fault plan. Backoff delays are zero: the retries are real, the waits are not.
/// </summary>
internal sealed class IngestEventsHarness : IDisposable
{
    public const string Hub = "events";
    public const string Container = "deadletter";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"longview-eventhubs-{Guid.NewGuid():N}");
    private readonly SqliteProfileStore _sqlite;
    private readonly SqliteItemCatalog _catalog;
    private readonly FolderBlobStore _blobFolder;

    public IngestEventsHarness(StreamIngestionOptions? stream = null, TransientRetryOptions? retryOptions = null)
    {
        var embedded = Options.Create(new EmbeddedStoreOptions { DataFolder = _folder });
        _sqlite = new SqliteProfileStore(embedded, NullLogger<SqliteProfileStore>.Instance);
        _catalog = new SqliteItemCatalog(embedded, NullLogger<SqliteItemCatalog>.Instance);
        _blobFolder = new FolderBlobStore(embedded, NullLogger<FolderBlobStore>.Instance);
        Profiles = new FaultyProfileStore(_sqlite);
        Blobs = new FaultyBlobStore(_blobFolder);

        var reader = new EventBatchReader(new EventLimits(), Time);
        var ingestion = new EventIngestion(reader, new ProfileAggregator(new ProfileLimits()), Profiles, _catalog,
            Options.Create(new IngestionOptions()), Time, new UserIdHash(salt: null), NullLogger<EventIngestion>.Instance);
        var sink = new BlobDeadLetterSink(Blobs, Time, Options.Create(new BlobDeadLetterOptions { Container = Container }), NullLogger<BlobDeadLetterSink>.Instance);
        var retry = new TransientRetry(Options.Create(retryOptions ?? new TransientRetryOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            new AzureTransientFailures(), Time, NullLogger<TransientRetry>.Instance);
        Function = new IngestEvents(new EventStreamIngestion(reader, ingestion, sink, retry, Time,
            Options.Create(stream ?? new StreamIngestionOptions()), Logs));
    }

    public ShiftableTime Time { get; } = new();

    public FaultyProfileStore Profiles { get; }

    public FaultyBlobStore Blobs { get; }

    public IngestEvents Function { get; }

    public RecordingLogger<EventStreamIngestion> Logs { get; } = new();

    // Profiles keep each recent event's eventId hash (format 4): the ids the messages carried, by that hash, name them again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string> _eventIds = new();

    /// <summary>Invokes the function as the host does for one batch of partition <paramref name="partition"/>.</summary>
    public Task RunAsync(string[] messages, long firstSequence, string partition = "3", CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
        {
            foreach (System.Text.RegularExpressions.Match id in System.Text.RegularExpressions.Regex.Matches(message, "\"eventId\"\\s*:\\s*\"([^\"\\\\]*)\""))
            {
                _eventIds[System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(id.Groups[1].Value))] = id.Groups[1].Value;
            }
        }
        return Function.Run(messages, new FunctionContextDouble(HostBindingData.For(Hub, partition, firstSequence, messages.Length), cancellationToken), cancellationToken);
    }

    /// <summary>Every letter in the container, by blob name without ".json" (for Event Hubs: "{hub}-p{partition}-{sequence}-{element}").</summary>
    public async Task<Dictionary<string, DeadLetterDocument>> LettersAsync()
    {
        var letters = new Dictionary<string, DeadLetterDocument>(StringComparer.Ordinal);
        await foreach (var name in _blobFolder.ListAsync(Container, ""))
        {
            var blob = await _blobFolder.GetAsync(Container, name);
            letters[name[..^".json".Length]] = JsonSerializer.Deserialize<DeadLetterDocument>(blob!.Content.Span, LongviewJson.Options)!;
        }
        return letters;
    }

    public async Task<UserProfile?> ProfileAsync(string userId) => (await _sqlite.GetAsync(userId))?.Profile;

    /// <summary>
    /// How many times each eventId is recorded in the user's recent events (1 = applied once), named by the ids the
    /// messages run so far carried (a key none of them hashes to appears as "#" and its hex).
    /// </summary>
    public async Task<Dictionary<string, int>> AppliedEventIdsAsync(string userId)
    {
        var profile = await ProfileAsync(userId);
        return (profile?.Recent ?? []).Where(r => r.EventKey != 0)
            .GroupBy(r => _eventIds.GetValueOrDefault(r.EventKey) ?? $"#{r.EventKey:x16}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        _catalog.Dispose();
        _blobFolder.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
