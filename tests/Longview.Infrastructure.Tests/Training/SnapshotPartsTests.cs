using System.IO.Compression;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Training.Snapshot;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Tests.Embedded;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Training;

/// <summary>
/// The snapshot as the pipeline writes it: bounded parts over the real SQLite store's paged scan, staged as blocks of the
/// real folder store and committed; the blob must read, through one <see cref="GZipStream"/>, as every user once.
/// </summary>
public sealed class SnapshotPartsTests : IDisposable
{
    private readonly SqliteStoreFactory _stores = new(scanPageSize: 16);
    private readonly TestFolder _folder = new();

    public void Dispose()
    {
        _stores.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Parts_committed_together_decompress_to_every_user_exactly_once_even_when_a_part_ran_twice()
    {
        var profiles = _stores.OpenProfiles();
        await SeedAsync(profiles, users: 53, impressionOnly: 4);
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = _folder.Path }), NullLogger<FolderBlobStore>.Instance);
        var writer = new ProfileSnapshotWriter(profiles, blobs, Options.Create(new SnapshotWriterOptions()), NullLogger<ProfileSnapshotWriter>.Instance);

        long users = 0, events = 0;
        var parts = 0;
        string? continuation = null;
        do
        {
            var request = new SnapshotPartRequest("run1", parts, continuation, 10, users);
            var part = await writer.WritePartAsync("training", "run1/snapshot.ndjson.gz", request, CancellationToken.None);
            if (parts == 2)
            {
                // A re-executed activity (its answer lost): the same part again restages the same block.
                Assert.Equal(part, await writer.WritePartAsync("training", "run1/snapshot.ndjson.gz", request, CancellationToken.None));
            }
            Assert.InRange(part.Users, 0, 10);
            Assert.Null(await blobs.OpenReadAsync("training", "run1/snapshot.ndjson.gz"));
            parts++;
            users += part.Users;
            events += part.Events;
            continuation = part.Continuation;
        }
        while (continuation is not null);
        await writer.CommitAsync("training", "run1/snapshot.ndjson.gz", parts, CancellationToken.None);

        Assert.Equal(6, parts); // 57 profiles in pages of 10
        Assert.Equal(53, users);
        Assert.Equal(53 * 2, events);
        var lines = await SnapshotUsersAsync(blobs, "training", "run1/snapshot.ndjson.gz");
        Assert.Equal(Enumerable.Range(0, 53).Select(User).Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Equal(["run1/snapshot.ndjson.gz"], await ListAsync(blobs, "training", "run1/"));
    }

    [Fact]
    public async Task The_user_limit_spans_the_parts()
    {
        var profiles = _stores.OpenProfiles();
        await SeedAsync(profiles, users: 30, impressionOnly: 0);
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = _folder.Path }), NullLogger<FolderBlobStore>.Instance);
        var writer = new ProfileSnapshotWriter(profiles, blobs, Options.Create(new SnapshotWriterOptions { MaxUsers = 25 }), NullLogger<ProfileSnapshotWriter>.Instance);

        var first = await writer.WritePartAsync("training", "s.gz", new SnapshotPartRequest("r", 0, null, 20, 0), CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            writer.WritePartAsync("training", "s.gz", new SnapshotPartRequest("r", 1, first.Continuation, 20, first.Users), CancellationToken.None));

        Assert.Contains("more than 25 users", error.Message, StringComparison.Ordinal);
    }

    private static string User(int i) => $"user-{i:D3}";

    private static async Task SeedAsync(IProfileStore profiles, int users, int impressionOnly)
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var writes = new List<ProfileWrite>();
        for (var u = 0; u < users; u++)
        {
            var profile = ProfileAggregator.NewProfile(User(u));
            aggregator.Apply(profile, new UserEvent($"{u}-0", profile.UserId, "item-a", EventType.View, start.AddMinutes(u), null), []);
            aggregator.Apply(profile, new UserEvent($"{u}-1", profile.UserId, "item-b", EventType.Click, start.AddMinutes(u + 1), null), []);
            writes.Add(new ProfileWrite(profile, null));
        }
        for (var u = 0; u < impressionOnly; u++)
        {
            writes.Add(new ProfileWrite(ProfileAggregator.NewProfile($"served-{u}"), null)); // no activity: not in the snapshot
        }
        Assert.All(await profiles.WriteManyAsync(writes), r => Assert.Equal(WriteStatus.Written, r.Status));
    }

    private static async Task<List<string>> SnapshotUsersAsync(IBlobStore blobs, string container, string name)
    {
        await using var blob = (await blobs.OpenReadAsync(container, name))!;
        await using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var users = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            users.Add(json.RootElement.GetProperty("userId").GetString()!);
        }
        return users;
    }

    private static async Task<List<string>> ListAsync(IBlobStore blobs, string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(container, prefix))
        {
            names.Add(name);
        }
        return names;
    }
}
