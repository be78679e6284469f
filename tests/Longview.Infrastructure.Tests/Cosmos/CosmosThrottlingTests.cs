using System.Net;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>
/// 429 handling, against the launcher's test throttling: document requests in a "throttled-*" database are refused
/// every other time (first one included) with x-ms-retry-after-ms.
/// </summary>
public sealed class CosmosThrottlingTests
{
    private static ProfileWrite Create(string userId) => new(new UserProfile { UserId = userId }, null);

    private static async Task<int> ThrottledSoFarAsync(CosmosEmulator cosmos)
    {
        using var http = new HttpClient();
        var stats = await http.GetStringAsync(new Uri(cosmos.Options.Endpoint!, "_launcher/stats"));
        return JsonDocument.Parse(stats).RootElement.GetProperty("throttled").GetInt32();
    }

    [CosmosFact]
    public async Task Throttled_writes_and_reads_are_retried_after_the_servers_delay_and_all_succeed()
    {
        await using var cosmos = new CosmosEmulator(o => o.DatabaseName = "throttled-" + Guid.NewGuid().ToString("N"));
        await cosmos.Containers.ProfilesAsync(default);
        var before = await ThrottledSoFarAsync(cosmos);
        var users = Enumerable.Range(0, 10).Select(i => $"u-{i}").ToArray();

        var results = await cosmos.Profiles.WriteManyAsync(users.Select(Create).ToArray());
        var read = await cosmos.Profiles.GetManyAsync(users);

        Assert.All(results, r => Assert.Equal(WriteStatus.Written, r.Status));
        Assert.Equal(users.Order(), read.Keys.Order());
        Assert.True(await ThrottledSoFarAsync(cosmos) - before >= 10, "the emulator should have throttled about every other request");
    }

    [CosmosFact]
    public async Task With_retries_off_the_429_surfaces_to_the_caller_and_nothing_is_written()
    {
        await using var cosmos = new CosmosEmulator(o =>
        {
            o.DatabaseName = "throttled-" + Guid.NewGuid().ToString("N");
            o.MaxRetryAttemptsOnThrottling = 0;
        });

        var error = await Assert.ThrowsAsync<CosmosException>(() => cosmos.Profiles.WriteManyAsync([Create("u-1")]));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Null(await cosmos.Profiles.GetAsync("u-1")); // the read after the refused write is the one let through
    }
}
