using System.Text;
using Longview.Core.Erasure;
using Longview.Core.Ingestion;
using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Erasure;
using Longview.Infrastructure.Tests.Blob;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Erasure;

/// <summary>The erasure log and the dead-letter eraser over a blob store.</summary>
public sealed class BlobErasureStoresTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
    private readonly InMemoryBlobStore _blobs = new();

    private BlobDeadLetterEraser Eraser(int maxLetterBytes = 1 << 20) => new(_blobs, Options.Create(new BlobDeadLetterOptions()),
        Options.Create(new ErasureStoreOptions { MaxLetterBytes = maxLetterBytes }), NullLogger<BlobDeadLetterEraser>.Instance);

    private static string Event(string user) =>
        $$"""{"eventId":"e-{{user}}","userId":"{{user}}","itemId":"i1","type":"hover","timestamp":"2025-03-01T10:00:00Z"}""";

    private async Task WriteLettersAsync(params DeadLetter[] letters) =>
        await new BlobDeadLetterSink(_blobs, TimeProvider.System, Options.Create(new BlobDeadLetterOptions()), NullLogger<BlobDeadLetterSink>.Instance)
            .WriteAsync(letters);

    private async Task<List<string>> NamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var name in _blobs.ListAsync(container, ""))
        {
            names.Add(name);
        }
        return names;
    }

    [Fact]
    public async Task The_log_lists_the_erasures_since_a_time_and_names_blobs_by_day_and_hash()
    {
        var log = new BlobErasureLog(_blobs, Options.Create(new ErasureStoreOptions()));
        await log.RecordAsync(new ErasureRecord("aaaa1111aaaa1111", Day.AddDays(-3)));
        await log.RecordAsync(new ErasureRecord("bbbb2222bbbb2222", Day.AddHours(-1)));
        await log.RecordAsync(new ErasureRecord("cccc3333cccc3333", Day.AddHours(1)));

        var since = new List<ErasureRecord>();
        await foreach (var record in log.ListAsync(Day))
        {
            since.Add(record);
        }
        var all = new List<ErasureRecord>();
        await foreach (var record in log.ListAsync(DateTimeOffset.MinValue))
        {
            all.Add(record);
        }

        Assert.Equal([new ErasureRecord("cccc3333cccc3333", Day.AddHours(1))], since);
        Assert.Equal(3, all.Count);
        Assert.Contains(await NamesAsync("erasures"), name => name.StartsWith("2026-11-17/aaaa1111aaaa1111-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_eraser_deletes_the_users_letters_and_unreadable_ones_and_keeps_the_rest()
    {
        await WriteLettersAsync(
            new DeadLetter("b1", 0, "e-alice", "type", "unknown type", Event("alice")),
            new DeadLetter("b1", 1, "e-bob", "type", "unknown type", Event("bob")),
            new DeadLetter("b2", 0, null, null, "unreadable", "[" + Event("bob") + "," + Event("alice")),
            new DeadLetter("b3", 0, null, null, "unreadable", "no ids here"));
        await _blobs.PutAsync("deadletter", "foreign.json", Encoding.UTF8.GetBytes("not a letter"));

        var deleted = await Eraser().EraseAsync("alice");

        Assert.Equal(3, deleted);
        Assert.Equal(["b1-1.json", "b3-0.json"], (await NamesAsync("deadletter")).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Eraser().EraseAsync("alice"));
    }

    [Fact]
    public async Task A_letter_over_the_read_limit_is_deleted_unread()
    {
        await WriteLettersAsync(new DeadLetter("b1", 0, "e-bob", "type", "unknown type", Event("bob") + new string(' ', 5_000)));

        Assert.Equal(1, await Eraser(maxLetterBytes: 1_000).EraseAsync("alice"));
        Assert.Empty(await NamesAsync("deadletter"));
    }
}
