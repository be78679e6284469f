using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>
/// What tests/emulators/cosmos-launcher.js adds to @vercel/cosmosdb-server, checked through the .NET SDK: without
/// these fixes the SDK gets 500 for missing documents, runs no cross-partition query and sees no later changes.
/// </summary>
public sealed class CosmosEmulatorLauncherTests : IAsyncLifetime
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

    private static ProfileWrite Create(string userId) => new(new UserProfile { UserId = userId }, null);

    [CosmosFact]
    public async Task A_missing_document_is_404_through_the_sdk()
    {
        var container = await _cosmos.Containers.ProfilesAsync(default);

        using var response = await container.ReadItemStreamAsync("nobody", new PartitionKey("nobody"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [CosmosFact]
    public async Task A_cross_partition_query_with_a_filter_runs()
    {
        await _cosmos.Profiles.WriteManyAsync([Create("a-1"), Create("a-2"), Create("b-1")]);
        var container = await _cosmos.Containers.ProfilesAsync(default);

        using var iterator = container.GetItemQueryIterator<JsonElement>(
            new QueryDefinition("SELECT c.userId FROM c WHERE STARTSWITH(c.userId, @prefix)").WithParameter("@prefix", "a-"));
        var ids = new List<string>();
        while (iterator.HasMoreResults)
        {
            foreach (var row in await iterator.ReadNextAsync())
            {
                ids.Add(row.GetProperty("userId").GetString()!);
            }
        }

        Assert.Equal(["a-1", "a-2"], ids.Order());
    }

    [CosmosFact]
    public async Task Every_new_database_has_a_resource_id_safe_in_a_url_and_answers_queries()
    {
        // Resource ids come from a counter: 1 in 64 databases used to get a "/" in its _rid, and a query on its
        // containers failed with the SDK's "stale cache" 404. 70 databases cover the counter's every low byte pattern.
        for (var i = 0; i < 70; i++)
        {
            Database database = await _cosmos.Client.CreateDatabaseAsync("rid-" + Guid.NewGuid().ToString("N"));
            try
            {
                Container container = await database.CreateContainerAsync("items", "/pk");
                await container.CreateItemAsync(new { id = "x", pk = "p" }, new PartitionKey("p"));
                using var iterator = container.GetItemQueryIterator<JsonElement>("SELECT c.id FROM c");
                var rows = 0;
                while (iterator.HasMoreResults)
                {
                    rows += (await iterator.ReadNextAsync()).Count;
                }
                Assert.Equal(1, rows);
            }
            finally
            {
                await database.DeleteAsync();
            }
        }
    }

    [CosmosFact]
    public async Task The_change_feed_returns_existing_documents_then_only_later_writes()
    {
        await _cosmos.Profiles.WriteManyAsync([Create("u-1"), Create("u-2")]);
        var container = await _cosmos.Containers.ProfilesAsync(default);
        var iterator = container.GetChangeFeedIterator<JsonElement>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);

        var first = await DrainAsync(iterator);
        await _cosmos.Profiles.WriteManyAsync([Create("u-3")]);
        var stored = (await _cosmos.Profiles.GetAsync("u-1"))!;
        await _cosmos.Profiles.WriteManyAsync([new ProfileWrite(stored.Profile, stored.ETag)]);
        var second = await DrainAsync(iterator);
        var third = await DrainAsync(iterator);

        Assert.Equal(["u-1", "u-2"], first.Order());
        Assert.Equal(["u-3", "u-1"], second);
        Assert.Empty(third);
    }

    private static async Task<List<string>> DrainAsync(FeedIterator<JsonElement> iterator)
    {
        var ids = new List<string>();
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync();
            if (page.StatusCode == System.Net.HttpStatusCode.NotModified)
            {
                break;
            }
            ids.AddRange(page.Select(d => d.GetProperty("userId").GetString()!));
        }
        return ids;
    }
}
