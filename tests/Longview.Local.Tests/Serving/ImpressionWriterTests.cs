using Longview.Core.Ports;
using Longview.Core.Serving;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longview.Local.Tests.Serving;

/// <summary>
/// The writer's batching: lists gather for one commit, but no longer than it takes <see cref="LocalServingOptions.ImpressionCommitLists"/>
/// of them to come (each queued list holds its parsed profile until the commit).
/// </summary>
public sealed class ImpressionWriterTests
{
    [Fact]
    public async Task Enough_lists_are_committed_without_waiting_out_the_linger_and_fewer_wait_for_more()
    {
        using var folder = new TempFolder();
        var options = new LocalServingOptions { ImpressionLinger = TimeSpan.FromMinutes(10), ImpressionCommitLists = 3, SeedPopularityFromProfiles = false };
        await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(folder.Path).AddLongviewServing(options).BuildServiceProvider();
        var writer = services.GetServices<IHostedService>().OfType<ImpressionWriter>().Single();
        var log = services.GetRequiredService<ImpressionLog>();
        var profiles = services.GetRequiredService<IProfileStore>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            log.Log(Served("rec-1"), DateTimeOffset.UtcNow);
            log.Log(Served("rec-2"), DateTimeOffset.UtcNow);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Null(await profiles.GetAsync("u1"));

            log.Log(Served("rec-3"), DateTimeOffset.UtcNow);
            var written = await ServingApp.EventuallyAsync(() => profiles.GetAsync("u1"), stored => stored is not null, "the third list's commit");
            Assert.Equal(6, written!.Profile.Impressions.Count);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Impressions_are_written_best_effort_and_client_events_durably()
    {
        using var folder = new TempFolder();
        var options = new LocalServingOptions { ImpressionLinger = TimeSpan.Zero, SeedPopularityFromProfiles = false };
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton(sp => new DurabilityRecordingStore(sp.GetRequiredService<Infrastructure.Embedded.Sqlite.SqliteProfileStore>()))
            .AddSingleton<IProfileStore>(sp => sp.GetRequiredService<DurabilityRecordingStore>())
            .AddLongviewLocal(folder.Path).AddLongviewServing(options).BuildServiceProvider();
        var writer = services.GetServices<IHostedService>().OfType<ImpressionWriter>().Single();
        var recorded = services.GetRequiredService<DurabilityRecordingStore>();
        var profiles = services.GetRequiredService<IProfileStore>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            services.GetRequiredService<ImpressionLog>().Log(Served("rec-1"), DateTimeOffset.UtcNow);
            await ServingApp.EventuallyAsync(() => profiles.GetAsync("u1"), stored => stored is not null, "the impressions' commit");
            await services.GetRequiredService<Core.Ingestion.EventIngestion>().IngestAsync(
                [new Core.Events.UserEvent("e1", "u2", "a", Core.Events.EventType.View, DateTimeOffset.UtcNow)]);

            Assert.Equal([WriteDurability.BestEffort, WriteDurability.Durable], recorded.Writes);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static ServedRecommendation Served(string recommendationId) =>
        new(new Recommendation("u1", recommendationId, "m1", "active", [new("a", 0.9), new("b", 0.5)]), null);
}
