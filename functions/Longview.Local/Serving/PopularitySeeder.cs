using System.Diagnostics;
using Longview.Core.Ports;
using Longview.Core.Serving.Popularity;

namespace Longview.Local.Serving;

/// <summary>
/// Rebuilds the popularity table from the stored profiles at start-up (it lives in memory only). Runs in the
/// background so the API answers at once; until it finishes cold start ranks by what it has seen so far.
/// </summary>
internal sealed partial class PopularitySeeder(IProfileStore profiles, DecayingPopularity popularity, ILogger<PopularitySeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        try
        {
            await foreach (var profile in profiles.ScanAsync(stoppingToken))
            {
                popularity.RecordProfile(profile);
                count++;
            }
            LogSeeded(count, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(ex, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Popularity seeded from {Profiles} stored profiles in {Seconds:F1}s")]
    private partial void LogSeeded(int profiles, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Popularity seeding stopped after {Profiles} profiles; cold start uses what was read")]
    private partial void LogFailed(Exception exception, int profiles);
}
