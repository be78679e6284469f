using System.IO.Compression;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Activity;

/// <summary>
/// A profile built only from impressions (an id that was only ever served lists) is not a user: the training snapshot
/// leaves it out, instead of a line without firstSeen or events that the training job would reject.
/// </summary>
public sealed class SnapshotHoldsUsersOnlyTests
{
    [Fact]
    public async Task Profiles_with_impressions_only_are_not_in_the_training_snapshot()
    {
        using var folder = new TestFolder();
        using var store = new SqliteProfileStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder.Path }), NullLogger<SqliteProfileStore>.Instance);
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var at = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var user = ProfileAggregator.NewProfile("user");
        aggregator.Apply(user, new UserEvent("v1", "user", "i1", EventType.View, at), []);
        aggregator.Apply(user, new UserEvent("imp1", "user", "i2", EventType.Impression, at), []);
        var ghost = ProfileAggregator.NewProfile("ghost");
        aggregator.Apply(ghost, new UserEvent("imp2", "ghost", "i2", EventType.Impression, at), []);
        await store.WriteManyAsync([new ProfileWrite(user, null), new ProfileWrite(ghost, null)]);
        var writer = new ProfileSnapshotWriter(store, new InMemoryBlobStore(), Options.Create(new SnapshotWriterOptions()), NullLogger<ProfileSnapshotWriter>.Instance);

        using var buffer = new MemoryStream();
        var (users, events) = await writer.WriteToAsync(buffer, CancellationToken.None);

        Assert.Equal(1, users);
        Assert.Equal(1, events);
        buffer.Position = 0;
        using var reader = new StreamReader(new GZipStream(buffer, CompressionMode.Decompress));
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var line = JsonDocument.Parse(Assert.Single(lines));
        Assert.Equal("user", line.RootElement.GetProperty("userId").GetString());
    }
}
