using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Microsoft.Data.Sqlite;

namespace Longview.Infrastructure.Tests.Embedded;

/// <summary>What the SQLite profile store adds to the shared contract: input limits, file format, several instances on one file.</summary>
public sealed class SqliteProfileStoreTests : IDisposable
{
    private readonly SqliteStoreFactory _stores = new(scanPageSize: 16);

    [Fact]
    public async Task A_batch_with_an_invalid_profile_is_refused_whole_with_the_index_and_field_named()
    {
        var store = _stores.OpenProfiles();
        await store.WriteManyAsync([new ProfileWrite(Profile("kept", "before"), null)]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteManyAsync(
        [
            new ProfileWrite(Profile("fresh", "x"), null),
            new ProfileWrite(Profile("", "y"), null),
        ]));

        Assert.Contains("writes[1].Profile.UserId", error.Message);
        Assert.Null(await store.GetAsync("fresh"));
        Assert.Equal("before", (await store.GetAsync("kept"))!.Profile.Recent.Single().ItemId);
    }

    [Fact]
    public async Task A_profile_over_the_document_limit_is_refused_naming_the_user_by_pseudonym_and_the_limit()
    {
        var store = _stores.OpenProfiles(o => o.MaxDocumentBytes = 4_000);
        // The limit is on the stored body (CompactProfileEncoding: about 20 bytes per recent event here).
        var big = Profile("big", Enumerable.Range(0, 400).Select(i => $"item-{i}").ToArray());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteManyAsync([new ProfileWrite(big, null)]));

        // Named by its pseudonym: the message is logged at error level, where raw user ids must not appear.
        Assert.Contains(new UserIdHash(salt: null).Of("big"), error.Message);
        Assert.DoesNotContain("big", error.Message);
        Assert.Contains("4000", error.Message);
        Assert.Null(await store.GetAsync("big"));
    }

    [Fact]
    public async Task A_call_with_more_writes_than_the_batch_limit_is_refused()
    {
        var store = _stores.OpenProfiles(o => o.MaxWriteBatch = 3);
        var writes = Enumerable.Range(0, 4).Select(i => new ProfileWrite(Profile($"u{i}", "x"), null)).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteManyAsync(writes));

        Assert.Contains("limit is 3", error.Message);
        Assert.Null(await store.GetAsync("u0"));
    }

    [Fact]
    public async Task A_lookup_of_more_ids_than_the_limit_is_refused()
    {
        var store = _stores.OpenProfiles(o => o.MaxLookupIds = 3);

        await store.GetManyAsync(["a", "b", "c"]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.GetManyAsync(["a", "b", "c", "d"]));

        Assert.Contains("limit is 3", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    public async Task Reads_of_an_invalid_user_id_are_refused(string userId)
    {
        var store = _stores.OpenProfiles();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(userId));

        Assert.Equal("userId", error.ParamName);
    }

    [Fact]
    public async Task A_user_id_over_255_characters_is_refused()
    {
        var store = _stores.OpenProfiles();
        var longId = new string('x', 256);

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetManyAsync(["ok", longId]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteManyAsync([new ProfileWrite(Profile(longId, "x"), null)]));
        Assert.Equal(WriteStatus.Written, (await store.WriteManyAsync([new ProfileWrite(Profile(new string('x', 255), "x"), null)]))[0].Status);
    }

    [Fact]
    public async Task A_corrupt_stored_document_reads_as_an_error_naming_the_user_by_pseudonym()
    {
        var store = _stores.OpenProfiles();
        await store.WriteManyAsync([new ProfileWrite(Profile("damaged", "x"), null)]);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_stores.DataFolder, "profiles.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE profiles SET body = x'7b2275736572' WHERE user_id = 'damaged'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetAsync("damaged"));

        Assert.Contains(new UserIdHash(salt: null).Of("damaged"), error.Message);
        Assert.DoesNotContain("damaged", error.Message);
    }

    [Fact]
    public async Task A_profile_stored_as_json_by_an_earlier_build_reads_as_before_and_is_stored_compact_on_its_next_write()
    {
        var store = _stores.OpenProfiles();
        var profile = Profile("old", "a", "b");
        profile.Impressions.Add(new RecentImpression("c", DateTimeOffset.UnixEpoch.AddDays(1), 7));
        var json = JsonSerializer.SerializeToUtf8Bytes(profile, LongviewJson.Options);
        var written = await store.WriteManyAsync([new ProfileWrite(Profile("old", "x"), null)]);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_stores.DataFolder, "profiles.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE profiles SET body = $body WHERE user_id = 'old'";
            command.Parameters.AddWithValue("$body", json);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var read = (await store.GetAsync("old"))!;
        Assert.Equal(JsonSerializer.Serialize(profile, LongviewJson.Options), JsonSerializer.Serialize(read.Profile, LongviewJson.Options));
        Assert.Equal(written[0].NewETag, read.ETag);

        read.Profile.Recent.Add(new RecentEvent("d", DateTimeOffset.UnixEpoch.AddDays(2), EventType.Like));
        Assert.Equal(WriteStatus.Written, (await store.WriteManyAsync([new ProfileWrite(read.Profile, read.ETag)]))[0].Status);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_stores.DataFolder, "profiles.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT body FROM profiles WHERE user_id = 'old'";
            Assert.True(CompactProfileEncoding.IsCompact((byte[])command.ExecuteScalar()!));
        }
        Assert.Equal(["a", "b", "d"], (await store.GetAsync("old"))!.Profile.Recent.Select(r => r.ItemId));
        Assert.Equal("c", (await store.GetAsync("old"))!.Profile.Impressions.Single().ItemId);
    }

    [Fact]
    public void The_database_file_is_in_wal_mode_with_large_pages()
    {
        using var store = _stores.OpenProfiles();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_stores.DataFolder, "profiles.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();

        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA page_size";
        Assert.Equal(16_384L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Two_store_instances_on_one_file_keep_optimistic_concurrency_between_them()
    {
        // Two instances have separate in-process write gates, as two processes would: SQLite's own locking
        // (BEGIN IMMEDIATE and the busy timeout) must keep the conditional writes correct.
        var stores = new[] { _stores.OpenProfiles(), _stores.OpenProfiles() };
        const int writers = 8;
        const int appends = 10;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = stores[w % 2];
            for (var n = 0; n < appends; n++)
            {
                while (true)
                {
                    var current = await store.GetAsync("shared");
                    var profile = current?.Profile ?? new UserProfile { UserId = "shared" };
                    profile.Recent.Add(new RecentEvent($"w{w}-{n}", DateTimeOffset.UnixEpoch, EventType.View));
                    await Task.Yield();
                    if ((await store.WriteManyAsync([new ProfileWrite(profile, current?.ETag)]))[0].Status == WriteStatus.Written)
                    {
                        break;
                    }
                }
            }
        })));

        var items = (await stores[0].GetAsync("shared"))!.Profile.Recent.Select(r => r.ItemId).Order(StringComparer.Ordinal);
        var expected = Enumerable.Range(0, writers).SelectMany(w => Enumerable.Range(0, appends).Select(n => $"w{w}-{n}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, items);
    }

    public void Dispose() => _stores.Dispose();

    private static UserProfile Profile(string userId, params string[] items) => new()
    {
        UserId = userId,
        Recent = items.Select(i => new RecentEvent(i, DateTimeOffset.UnixEpoch, EventType.Click)).ToList(),
    };
}
