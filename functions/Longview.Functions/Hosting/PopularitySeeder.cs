using Longview.Core.Ports;
using Longview.Core.Serving.Popularity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longview.Functions.Hosting;

/// <summary>Seeds the in-memory popularity table from the stored profiles in the background (when enabled).</summary>
internal sealed class PopularitySeeder(IProfileStore profiles, DecayingPopularity popularity, ILogger<PopularitySeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = 0;
        try
        {
            await foreach (var profile in profiles.ScanAsync(stoppingToken))
            {
                popularity.RecordProfile(profile);
                count++;
            }
            logger.LogInformation("Popularity seeded from {Profiles} stored profiles", count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Popularity seeding stopped after {Profiles} profiles; cold start uses what was read", count);
        }
    }
}
