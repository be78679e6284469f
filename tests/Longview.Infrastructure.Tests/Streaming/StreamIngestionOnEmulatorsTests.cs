using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Serialization;
using Longview.Core.Streaming;
using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Resilience;
using Longview.Infrastructure.Tests.Blob;
using Longview.Infrastructure.Tests.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Streaming;

/// <summary>
/// The Event Hubs function's code path (EventStreamIngestion) over the real adapters: Cosmos emulator for profiles,
/// azurite for dead letters. A mixed batch must land its good events in Cosmos and every bad one in the dead-letter
/// container, and a replay of the batch must change neither.
/// </summary>
public sealed class StreamIngestionOnEmulatorsTests : IAsyncLifetime
{
    private readonly string _container = Azurite.UniqueContainer("dl");
    private CosmosEmulator? _cosmos;
    private AzureBlobStore? _blobs;
    private EventStreamIngestion? _ingestion;

    public Task InitializeAsync()
    {
        if (EmulatorsFactAttribute.SkipReason is not null)
        {
            return Task.CompletedTask;
        }
        _cosmos = new CosmosEmulator();
        _blobs = Azurite.Store();
        var reader = new EventBatchReader(new EventLimits(), TimeProvider.System);
        var ingestion = new EventIngestion(
            reader, new ProfileAggregator(new ProfileLimits()), _cosmos.Profiles, _cosmos.Items,
            Options.Create(new IngestionOptions()), TimeProvider.System, new Longview.Core.Privacy.UserIdHash(salt: null), NullLogger<EventIngestion>.Instance);
        var sink = new BlobDeadLetterSink(_blobs, TimeProvider.System,
            Options.Create(new BlobDeadLetterOptions { Container = _container }), NullLogger<BlobDeadLetterSink>.Instance);
        var retry = new TransientRetry(Options.Create(new TransientRetryOptions()), new AzureTransientFailures(), TimeProvider.System, NullLogger<TransientRetry>.Instance);
        _ingestion = new EventStreamIngestion(reader, ingestion, sink, retry, TimeProvider.System,
            Options.Create(new StreamIngestionOptions()), NullLogger<EventStreamIngestion>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_cosmos is not null)
        {
            await _cosmos.DisposeAsync();
        }
    }

    private static string Event(string eventId, string userId, string itemId, int minute, string type = "view") =>
        $$"""{"eventId":"{{eventId}}","userId":"{{userId}}","itemId":"{{itemId}}","type":"{{type}}","timestamp":"2024-05-02T08:{{minute:00}}:00+00:00"}""";

    private const string BadTimestamp = """{"eventId":"e-bad","userId":"u1","itemId":"i9","type":"view","timestamp":"2024-05-02T08:00:00"}""";

    private static StreamMessage[] MixedBatch() =>
    [
        new("p3-500", $"[{Event("e1", "u1", "i1", 1)},{BadTimestamp},{Event("e2", "u1", "i2", 2, "click")}]"),
        new("p3-501", $"{Event("e3", "u2", "i3", 3)}\n{Event("e1", "u1", "i1", 1)}\n{{not json}}"),
        new("p3-502", "<xml/>"),
    ];

    [EmulatorsFact]
    public async Task A_mixed_batch_lands_in_Cosmos_and_its_bad_events_in_the_dead_letter_container()
    {
        var report = await _ingestion!.IngestAsync(MixedBatch());

        Assert.Equal(new StreamBatchReport(Messages: 3, Accepted: 3, Duplicates: 1, Rejected: 2, Failed: 0, UnreadableMessages: 1, DeadLetters: 3), report);

        var u1 = (await _cosmos!.Profiles.GetAsync("u1"))!.Profile;
        var u2 = (await _cosmos.Profiles.GetAsync("u2"))!.Profile;
        Assert.Equal(["i1", "i2"], u1.Recent.Select(r => r.ItemId).ToArray());
        Assert.Equal(["i3"], u2.Recent.Select(r => r.ItemId).ToArray());

        var letters = await ReadLettersAsync();
        Assert.Equal(["p3-500-1", "p3-501-2", "p3-502-0"], letters.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(("timestamp", "e-bad", BadTimestamp), (letters["p3-500-1"].Field, letters["p3-500-1"].EventId, letters["p3-500-1"].RawPayload));
        Assert.Equal(("$", "{not json}"), (letters["p3-501-2"].Field, letters["p3-501-2"].RawPayload));
        Assert.Equal(("$", "<xml/>"), (letters["p3-502-0"].Field, letters["p3-502-0"].RawPayload));
        Assert.Contains("offset", letters["p3-500-1"].Reason, StringComparison.OrdinalIgnoreCase);
    }

    [EmulatorsFact]
    public async Task Replaying_the_batch_changes_no_profile_and_adds_no_dead_letter()
    {
        await _ingestion!.IngestAsync(MixedBatch());
        var etags = new[] { (await _cosmos!.Profiles.GetAsync("u1"))!.ETag, (await _cosmos.Profiles.GetAsync("u2"))!.ETag };
        var lettersBefore = await ReadLettersAsync();

        var replay = await _ingestion.IngestAsync(MixedBatch());

        Assert.Equal((0, 4), (replay.Accepted, replay.Duplicates));
        Assert.Equal(etags, new[] { (await _cosmos.Profiles.GetAsync("u1"))!.ETag, (await _cosmos.Profiles.GetAsync("u2"))!.ETag });
        var lettersAfter = await ReadLettersAsync();
        Assert.Equal(lettersBefore.Keys.Order(StringComparer.Ordinal), lettersAfter.Keys.Order(StringComparer.Ordinal));
        Assert.All(lettersAfter, l => Assert.Equal(lettersBefore[l.Key].DeadLetteredAt, l.Value.DeadLetteredAt));
    }

    [EmulatorsFact]
    public async Task A_user_id_of_many_characters_Cosmos_escapes_lands_with_the_rest_of_its_batch()
    {
        // Valid for the event contract (<= 128 characters) but 300 characters once escaped as a Cosmos id (limit 255):
        // it used to fail its pass; the id encoding now stores it under a hashed document id (CosmosIds).
        var escapedPastTheLimit = new string('#', 100);
        var report = await _ingestion!.IngestAsync(
            [new StreamMessage("p4-9", $"[{Event("a1", "u7", "i1", 1)},{Event("a2", escapedPastTheLimit, "i1", 2)},{Event("a3", "u8", "i2", 3)}]")]);

        Assert.Equal((3, 0), (report.Accepted, report.Failed));
        Assert.NotNull(await _cosmos!.Profiles.GetAsync("u7"));
        Assert.NotNull(await _cosmos.Profiles.GetAsync(escapedPastTheLimit));
        Assert.NotNull(await _cosmos.Profiles.GetAsync("u8"));
        Assert.Empty(await ReadLettersAsync());
    }

    /// <summary>Letters by "{messageId}-{index}" (the blob name without its day folder and extension).</summary>
    private async Task<Dictionary<string, DeadLetterDocument>> ReadLettersAsync()
    {
        var letters = new Dictionary<string, DeadLetterDocument>(StringComparer.Ordinal);
        await foreach (var name in _blobs!.ListAsync(_container, ""))
        {
            var blob = await _blobs.GetAsync(_container, name);
            var key = Path.GetFileNameWithoutExtension(name);
            letters[key] = JsonSerializer.Deserialize<DeadLetterDocument>(blob!.Content.Span, LongviewJson.Options)!;
        }
        return letters;
    }
}

/// <summary>A fact that runs only when both the Cosmos emulator and azurite are up (./dev test starts them).</summary>
public sealed class EmulatorsFactAttribute : FactAttribute
{
    public static string? SkipReason => CosmosEmulator.SkipReason ?? Azurite.SkipReason;

    public EmulatorsFactAttribute()
    {
        Skip = SkipReason;
    }
}
