using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Local.Training;

/// <summary>
/// Starts the same pipeline run as <c>POST /api/training/runs</c> at the times of <c>Longview:Training:Schedule</c>, the
/// NCRONTAB setting the Functions timer names (default every day at 03:00 UTC). A run still in progress is not doubled
/// (<see cref="TrainingRuns.StartAsync"/> answers it).
/// </summary>
public sealed class TrainingScheduler(TrainingRuns runs, TimeProvider time, IOptions<TrainingPipelineOptions> pipeline, IOptions<LocalTrainingOptions> options, ILogger<TrainingScheduler> logger)
    : BackgroundService
{
    public const string Setting = TrainingPipelineOptions.SectionName + ":Schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleEnabled)
        {
            return;
        }
        var schedule = CronSchedule.Parse(pipeline.Value.Schedule, Setting);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.NextAfter(time.GetUtcNow());
            logger.LogInformation("Next scheduled training run at {Next:u}", next);
            try
            {
                var delay = next - time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                var run = await runs.StartAsync("schedule", null, stoppingToken);
                logger.LogInformation("Scheduled training run {RunId} is {Status}", run.RunId, run.Status);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not start the scheduled training run; trying again at the next scheduled time");
            }
        }
    }
}
