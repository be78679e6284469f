using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Infrastructure.Blob;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Blob;

public sealed class BlobDeadLetterSinkTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 22, 30, 0, TimeSpan.FromHours(-5));

    private static BlobDeadLetterSink Sink(IBlobStore store, int maxPayloadChars = 1024 * 1024, DateTimeOffset? now = null) =>
        new(store, new FixedTimeProvider(now ?? Now), Options.Create(new BlobDeadLetterOptions { MaxPayloadChars = maxPayloadChars }), NullLogger<BlobDeadLetterSink>.Instance);

    private static readonly DeadLetter Malformed = new("p3-1200", 4, null, null, "not valid JSON: unexpected end", "{\"eventId\":\"e-4\",");

    private static readonly DeadLetter BadType = DeadLetter.FromError("p3-1200", new EventError(7, "e-7", "type", "unknown event type 'watch'"),
        "{\"eventId\":\"e-7\",\"userId\":\"u\",\"type\":\"watch\"}");

    private static JsonElement Document(BlobContent? blob)
    {
        Assert.NotNull(blob);
        return JsonDocument.Parse(blob.Content).RootElement.Clone();
    }

    [Fact]
    public async Task Each_letter_is_named_by_batch_and_index_and_holds_payload_reason_and_time()
    {
        var store = new InMemoryBlobStore();

        var written = await Sink(store).WriteAsync([Malformed, BadType]);

        Assert.Equal(2, written);
        Assert.Equal(["p3-1200-4.json", "p3-1200-7.json"], store.Blobs.Keys.Select(k => k.Name).Order());
        Assert.All(store.Blobs.Keys, k => Assert.Equal("deadletter", k.Container));
        var letter = Document(await store.GetAsync("deadletter", "p3-1200-7.json"));
        Assert.Equal("p3-1200", letter.GetProperty("batchId").GetString());
        Assert.Equal(7, letter.GetProperty("index").GetInt32());
        Assert.Equal("e-7", letter.GetProperty("eventId").GetString());
        Assert.Equal("type", letter.GetProperty("field").GetString());
        Assert.Equal("unknown event type 'watch'", letter.GetProperty("reason").GetString());
        Assert.Equal(BadType.RawPayload, letter.GetProperty("rawPayload").GetString());
        Assert.False(letter.GetProperty("rawPayloadTruncated").GetBoolean());
        Assert.Equal(Now, letter.GetProperty("deadLetteredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_batch_redelivered_on_a_later_day_keeps_the_first_letters_and_reports_nothing_new()
    {
        var store = new InMemoryBlobStore();
        await Sink(store).WriteAsync([Malformed]);

        var again = await Sink(store, now: Now.AddDays(3)).WriteAsync([Malformed with { Reason = "changed" }]);

        Assert.Equal(0, again);
        Assert.Single(store.Blobs);
        var letter = Document(await store.GetAsync("deadletter", "p3-1200-4.json"));
        Assert.Equal("not valid JSON: unexpected end", letter.GetProperty("reason").GetString());
        Assert.Equal(Now, letter.GetProperty("deadLetteredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_oversized_payload_is_cut_to_the_limit_and_marked_with_its_real_length()
    {
        var store = new InMemoryBlobStore();
        var huge = Malformed with { RawPayload = new string('x', 5000) };

        await Sink(store, maxPayloadChars: 100).WriteAsync([huge]);

        var letter = Document(await store.GetAsync("deadletter", "p3-1200-4.json"));
        Assert.Equal(100, letter.GetProperty("rawPayload").GetString()!.Length);
        Assert.True(letter.GetProperty("rawPayloadTruncated").GetBoolean());
        Assert.Equal(5000, letter.GetProperty("rawPayloadLength").GetInt32());
    }

    [Fact]
    public async Task A_batch_id_with_path_characters_stays_one_segment_and_distinct_ids_never_share_a_name()
    {
        var store = new InMemoryBlobStore();
        string[] ids = ["../p/3", ".._p_3", "..~002Fp~002F3", new string('x', 300), new string('x', 299) + "y"];

        var written = await Sink(store).WriteAsync([.. ids.Select(id => Malformed with { BatchId = id })]);

        Assert.Equal(ids.Length, written);
        Assert.Equal(ids.Length, store.Blobs.Keys.Select(k => k.Name).Distinct().Count());
        Assert.All(store.Blobs.Keys, k => Assert.DoesNotContain('/', k.Name));
        Assert.All(store.Blobs.Keys, k => Assert.True(k.Name.Length <= 210, k.Name));
        Assert.Contains(".._p_3-4.json", store.Blobs.Keys.Select(k => k.Name));
    }

    [AzuriteFact]
    public async Task Letters_written_through_azurite_hold_the_raw_payload_and_reason()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer("dl");
        var sink = new BlobDeadLetterSink(store, new FixedTimeProvider(Now),
            Options.Create(new BlobDeadLetterOptions { Container = container }), NullLogger<BlobDeadLetterSink>.Instance);

        Assert.Equal(2, await sink.WriteAsync([Malformed, BadType]));
        Assert.Equal(0, await sink.WriteAsync([Malformed]));

        Assert.Equal(0, await new BlobDeadLetterSink(store, new FixedTimeProvider(Now.AddDays(1)),
            Options.Create(new BlobDeadLetterOptions { Container = container }), NullLogger<BlobDeadLetterSink>.Instance).WriteAsync([Malformed, BadType]));

        Assert.Equal(["p3-1200-4.json", "p3-1200-7.json"], (await store.ListAsync(container, "").ToListAsync()).Order());
        var letter = Document(await store.GetAsync(container, "p3-1200-4.json"));
        Assert.Equal(Malformed.RawPayload, letter.GetProperty("rawPayload").GetString());
        Assert.Equal(Malformed.Reason, letter.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Undefined, letter.TryGetProperty("eventId", out var id) ? id.ValueKind : JsonValueKind.Undefined);
    }
}
