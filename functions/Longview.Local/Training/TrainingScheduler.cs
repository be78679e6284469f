using Longview.Core.Training.Runs;
using Microsoft.Extensions.Options;

namespace Longview.Local.Training;

/// <summary>Starts the same pipeline run as <c>POST /api/training/runs</c> every day at the configured UTC time.</summary>
public sealed class TrainingScheduler(TrainingRuns runs, TimeProvider time, IOptions<LocalTrainingOptions> options, ILogger<TrainingScheduler> logger)
    : BackgroundService
{
    /// <summary>The first daily time strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly dailyAtUtc)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + dailyAtUtc.ToTimeSpan();
        return today > now ? today : today.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextRun(time.GetUtcNow(), options.Value.DailyAtUtc);
            logger.LogInformation("Next scheduled training run at {Next:u}", next);
            try
            {
                await Task.Delay(next - time.GetUtcNow(), time, stoppingToken);
                var run = await runs.StartAsync("schedule", null, stoppingToken);
                logger.LogInformation("Scheduled training run {RunId} queued", run.RunId);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not start the scheduled training run; trying again tomorrow");
            }
        }
    }
}
