using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Infrastructure.Tests.Cosmos;

public sealed class CosmosProfileStoreTests : IAsyncLifetime
{
    private CosmosEmulator _cosmos = null!;

    public Task InitializeAsync()
    {
        if (CosmosEmulator.SkipReason is null)
        {
            _cosmos = new CosmosEmulator();
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_cosmos is not null)
        {
            await _cosmos.DisposeAsync();
        }
    }

    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static UserProfile Profile(string userId, int recent = 2)
    {
        var profile = new UserProfile { UserId = userId, FirstSeen = T0, LastSeen = T0.AddMinutes(recent) };
        for (var i = 0; i < recent; i++)
        {
            profile.Recent.Add(new RecentEvent($"item-{i}", T0.AddMinutes(i), i % 2 == 0 ? EventType.View : EventType.Rating, i % 2 == 0 ? null : 4.5));
        }
        return profile;
    }

    private static string Json(UserProfile profile) => JsonSerializer.Serialize(profile, LongviewJson.Options);

    [CosmosFact]
    public async Task Creates_the_database_and_containers_with_the_right_partition_keys_when_missing()
    {
        var profiles = await _cosmos.Containers.ProfilesAsync(default);
        var items = await _cosmos.Containers.ItemsAsync(default);

        var profileProperties = (await profiles.ReadContainerAsync()).Resource;
        var itemProperties = (await items.ReadContainerAsync()).Resource;
        Assert.Equal("/userId", profileProperties.PartitionKeyPath);
        Assert.Equal("/itemId", itemProperties.PartitionKeyPath);
        Assert.Equal(_cosmos.Options.DatabaseName, profiles.Database.Id);
    }

    [CosmosFact]
    public async Task Missing_profile_reads_as_null()
    {
        Assert.Null(await _cosmos.Profiles.GetAsync("nobody"));
        Assert.Empty(await _cosmos.Profiles.GetManyAsync(["nobody", "no one"]));
        Assert.False(await _cosmos.Profiles.DeleteAsync("nobody"));
    }

    [CosmosFact]
    public async Task Created_profile_round_trips_with_its_etag_and_the_document_id_is_the_user_id()
    {
        var profile = Profile("u-1", recent: 5);

        var result = Assert.Single(await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(profile, null)]));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.False(string.IsNullOrEmpty(result.NewETag));
        var stored = await _cosmos.Profiles.GetAsync("u-1");
        Assert.NotNull(stored);
        Assert.Equal(result.NewETag, stored.ETag);
        Assert.Equal(Json(profile), Json(stored.Profile));

        var container = await _cosmos.Containers.ProfilesAsync(default);
        var raw = await container.ReadItemAsync<JsonElement>("u-1", new Microsoft.Azure.Cosmos.PartitionKey("u-1"));
        Assert.Equal("u-1", raw.Resource.GetProperty("id").GetString());
        Assert.Equal("u-1", raw.Resource.GetProperty("userId").GetString());
    }

    [CosmosFact]
    public async Task Create_of_an_existing_profile_is_a_conflict_and_keeps_the_stored_one()
    {
        await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("u-1", 1), null)]);

        var second = Assert.Single(await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("u-1", 3), null)]));

        Assert.Equal(WriteStatus.Conflict, second.Status);
        Assert.Null(second.NewETag);
        Assert.Single((await _cosmos.Profiles.GetAsync("u-1"))!.Profile.Recent);
    }

    [CosmosFact]
    public async Task Replace_with_a_stale_etag_is_a_conflict_and_with_the_current_one_succeeds()
    {
        var created = (await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("u-1", 1), null)]))[0];
        var replaced = (await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("u-1", 2), created.NewETag)]))[0];
        Assert.Equal(WriteStatus.Written, replaced.Status);
        Assert.NotEqual(created.NewETag, replaced.NewETag);

        var stale = (await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("u-1", 4), created.NewETag)]))[0];

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        var stored = await _cosmos.Profiles.GetAsync("u-1");
        Assert.Equal(2, stored!.Profile.Recent.Count);
        Assert.Equal(replaced.NewETag, stored.ETag);
    }

    [CosmosFact]
    public async Task A_conflict_in_a_batch_does_not_block_the_other_writes_and_results_keep_the_order()
    {
        await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("taken", 1), null)]);

        var results = await _cosmos.Profiles.WriteManyAsync(
        [
            new ProfileWrite(Profile("a", 1), null),
            new ProfileWrite(Profile("taken", 2), null),
            new ProfileWrite(Profile("b", 1), null),
            new ProfileWrite(Profile("c", 1), "stale-etag"),
        ]);

        Assert.Equal(["a", "taken", "b", "c"], results.Select(r => r.UserId));
        Assert.Equal([WriteStatus.Written, WriteStatus.Conflict, WriteStatus.Written, WriteStatus.Conflict], results.Select(r => r.Status));
        var many = await _cosmos.Profiles.GetManyAsync(["a", "b", "c", "taken"]);
        Assert.Equal(["a", "b", "taken"], many.Keys.Order());
    }

    [CosmosFact]
    public async Task Concurrent_writers_to_one_user_converge_without_losing_an_update()
    {
        const int writers = 12;
        const int updatesPerWriter = 5;
        await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("hot", 0), null)]);

        // Each writer appends its own events with read-modify-write, retrying on conflict as the aggregator does.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var u = 0; u < updatesPerWriter; u++)
            {
                while (true)
                {
                    var current = (await _cosmos.Profiles.GetAsync("hot"))!;
                    current.Profile.Recent.Add(new RecentEvent($"w{w}-u{u}", T0.AddSeconds(w * 100 + u), EventType.Click));
                    var result = (await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(current.Profile, current.ETag)]))[0];
                    if (result.Status == WriteStatus.Written)
                    {
                        break;
                    }
                }
            }
        })));

        var final = (await _cosmos.Profiles.GetAsync("hot"))!.Profile;
        var expected = Enumerable.Range(0, writers).SelectMany(w => Enumerable.Range(0, updatesPerWriter).Select(u => $"w{w}-u{u}")).Order();
        Assert.Equal(expected, final.Recent.Select(r => r.ItemId).Order());
    }

    [CosmosFact]
    public async Task A_large_profile_round_trips()
    {
        var profile = Profile("big", recent: 2_000);

        var result = (await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(profile, null)]))[0];

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(Json(profile), Json((await _cosmos.Profiles.GetAsync("big"))!.Profile));
    }

    [CosmosFact]
    public async Task Delete_removes_the_profile()
    {
        await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("gone"), null)]);

        Assert.True(await _cosmos.Profiles.DeleteAsync("gone"));

        Assert.Null(await _cosmos.Profiles.GetAsync("gone"));
        Assert.False(await _cosmos.Profiles.DeleteAsync("gone"));
    }

    [CosmosFact]
    public async Task Scan_streams_every_profile_across_pages()
    {
        var users = Enumerable.Range(0, 25).Select(i => $"user-{i:D2}").ToArray();
        await using var small = new CosmosEmulator(o => o.ScanPageSize = 7);
        await small.Profiles.WriteManyAsync(users.Select(u => new ProfileWrite(Profile(u, 1), null)).ToArray());

        var scanned = new List<string>();
        await foreach (var profile in small.Profiles.ScanAsync())
        {
            scanned.Add(profile.UserId);
        }

        Assert.Equal(users, scanned.Order());
    }

    [CosmosFact]
    public async Task User_ids_with_characters_Cosmos_forbids_in_ids_are_stored_and_kept_apart()
    {
        string[] users = ["a/b", "a~2Fb", "q?#\\", "with space", "ünï"];
        var results = await _cosmos.Profiles.WriteManyAsync(users.Select(u => new ProfileWrite(Profile(u, 1), null)).ToArray());
        Assert.All(results, r => Assert.Equal(WriteStatus.Written, r.Status));

        var many = await _cosmos.Profiles.GetManyAsync(users);
        var stored = (await _cosmos.Profiles.GetAsync("a/b"))!;
        var replaced = (await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("a/b", 3), stored.ETag)]))[0];

        Assert.Equal(users.Order(), many.Keys.Order());
        Assert.All(users, u => Assert.Equal(u, many[u].Profile.UserId));
        Assert.Equal(WriteStatus.Written, replaced.Status);
        Assert.Single((await _cosmos.Profiles.GetAsync("a~2Fb"))!.Profile.Recent);
        Assert.True(await _cosmos.Profiles.DeleteAsync("a/b"));
        Assert.NotNull(await _cosmos.Profiles.GetAsync("a~2Fb"));
    }

    [CosmosFact]
    public async Task A_user_id_the_rule_refuses_is_refused_without_naming_it_before_anything_is_written()
    {
        var tooLong = new string('u', 256);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("fine"), null), new ProfileWrite(Profile(tooLong), null)]));

        Assert.Contains("userId has 256 characters", error.Message);
        Assert.DoesNotContain("uuuu", error.Message); // the id is not echoed: the message is logged
        Assert.Null(await _cosmos.Profiles.GetAsync("fine"));
        Assert.Null(await _cosmos.Profiles.GetAsync(tooLong));
    }

    [CosmosFact]
    public async Task Request_charges_are_counted()
    {
        await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(Profile("u-1"), null), new ProfileWrite(Profile("u-2"), null)]);
        await _cosmos.Profiles.GetAsync("u-1");

        Assert.True(_cosmos.Charges.Operations >= 3);
        Assert.True(_cosmos.Charges.TotalRequestUnits > 0);
    }
}
