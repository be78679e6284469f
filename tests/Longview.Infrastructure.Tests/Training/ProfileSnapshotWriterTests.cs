using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Training;

public sealed class ProfileSnapshotWriterTests
{
    private const int Users = 20_000;

    [Fact]
    public async Task Streams_every_profile_as_one_gzip_ndjson_line_in_the_jobs_format()
    {
        using var folder = new TestFolder();
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder.Path }), NullLogger<FolderBlobStore>.Instance);
        var profiles = new GeneratedProfiles(Users);
        var writer = new ProfileSnapshotWriter(profiles, blobs, Options.Create(new SnapshotWriterOptions()), NullLogger<ProfileSnapshotWriter>.Instance);

        var summary = await writer.WriteAsync("training", "run1/snapshot.ndjson.gz", CancellationToken.None);

        Assert.Equal(Users, summary.Users);
        Assert.Equal(Users * 5L, summary.Events);
        await using var stream = await blobs.OpenReadAsync("training", "run1/snapshot.ndjson.gz");
        await using var gzip = new GZipStream(stream!, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = 0;
        var ids = new HashSet<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            ids.Add(json.RootElement.GetProperty("userId").GetString()!);
            if (lines++ == 0)
            {
                var events = json.RootElement.GetProperty("events");
                Assert.Equal(5, events.GetArrayLength());
                Assert.True(events[0].GetProperty("ts").GetInt64() < events[4].GetProperty("ts").GetInt64());
                Assert.Equal("view", events[0].GetProperty("type").GetString());
            }
        }
        Assert.Equal(Users, lines);
        Assert.Equal(Users, ids.Count);
    }

    [Fact]
    public async Task The_scan_never_runs_far_ahead_of_a_slow_upload()
    {
        var profiles = new GeneratedProfiles(Users);
        var blobs = new SlowUpload(profiles);
        var writer = new ProfileSnapshotWriter(profiles, blobs, Options.Create(new SnapshotWriterOptions { BufferBytes = 64 * 1024 }), NullLogger<ProfileSnapshotWriter>.Instance);

        var summary = await writer.WriteAsync("training", "s.ndjson.gz", CancellationToken.None);

        Assert.Equal(Users, summary.Users);
        // After the upload's first read the scan had produced only what fits in the pipe (~64 KB compressed).
        Assert.InRange(blobs.ProducedAtFirstRead, 1, Users / 4);
    }

    [Fact]
    public async Task A_failing_upload_fails_the_snapshot_and_stops_the_scan()
    {
        var profiles = new GeneratedProfiles(Users);
        var writer = new ProfileSnapshotWriter(profiles, new FailingUpload(), Options.Create(new SnapshotWriterOptions { BufferBytes = 64 * 1024 }), NullLogger<ProfileSnapshotWriter>.Instance);

        var error = await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync("training", "s.ndjson.gz", CancellationToken.None));

        Assert.Equal("disk full", error.Message);
        Assert.True(profiles.Produced < Users);
    }

    [Fact]
    public async Task More_users_than_the_limit_fail_the_snapshot_with_the_limit_named()
    {
        using var folder = new TestFolder();
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder.Path }), NullLogger<FolderBlobStore>.Instance);
        var writer = new ProfileSnapshotWriter(new GeneratedProfiles(100), blobs, Options.Create(new SnapshotWriterOptions { MaxUsers = 50 }), NullLogger<ProfileSnapshotWriter>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync("training", "s.ndjson.gz", CancellationToken.None));

        Assert.Contains("more than 50 users", error.Message);
        Assert.Null(await blobs.OpenReadAsync("training", "s.ndjson.gz"));
    }

    /// <summary>Profiles made on demand (never all in memory), with hard-to-compress item ids.</summary>
    internal sealed class GeneratedProfiles(int users) : IProfileStore
    {
        private int _produced;

        public int Produced => Volatile.Read(ref _produced);

        public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var aggregator = new ProfileAggregator(new ProfileLimits());
            var random = new Random(7);
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var u = 0; u < users; u++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var profile = ProfileAggregator.NewProfile($"user-{u}");
                for (var e = 0; e < 5; e++)
                {
                    aggregator.Apply(profile, new UserEvent($"{u}-{e}", profile.UserId, random.Next().ToString("x8"), e == 0 ? EventType.View : EventType.Rating, start.AddMinutes(u + (e * 7)), e == 0 ? null : random.Next(1, 6)), []);
                }
                Interlocked.Increment(ref _produced);
                yield return profile;
                if (u % 256 == 0)
                {
                    await Task.Yield();
                }
            }
        }

        public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
    }

    /// <summary>An upload that, after its first read, gives the scan every chance to run ahead before reading on.</summary>
    private sealed class SlowUpload(GeneratedProfiles profiles) : NoBlobs
    {
        public int ProducedAtFirstRead { get; private set; }

        public override async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
        {
            var buffer = new byte[4096];
            await content.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: true, cancellationToken);
            // Not a timing assertion: the pause only lets an unbounded writer show itself.
            await Task.Delay(300, cancellationToken);
            ProducedAtFirstRead = profiles.Produced;
            await content.CopyToAsync(Stream.Null, cancellationToken);
            return "\"1\"";
        }
    }

    private sealed class FailingUpload : NoBlobs
    {
        public override async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
        {
            await content.ReadAtLeastAsync(new byte[1024], 1, throwOnEndOfStream: true, cancellationToken);
            throw new IOException("disk full");
        }
    }

    internal abstract class NoBlobs : IBlobStore
    {
        public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public abstract Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default);

        public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
