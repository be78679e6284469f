using Longview.Core.Retention.Jobs;
using Longview.Core.Workflows;

namespace Longview.Local.Retention;

/// <summary>
/// The self-hosted scheduler of the retention job: sleeps until the next time of <c>Longview:Retention:Schedule</c> (the
/// setting the Functions timer names; default 00:15 UTC) and runs the retention workflow in-process (<see cref="InProcessWorkflowContext"/>) as of the day that just ended; the run on the 1st closes the previous month. A failed run is
/// logged and retried at the next slot; re-running a day is idempotent.
/// </summary>
internal sealed partial class RetentionScheduler(
    RetentionSchedule schedule, IEnumerable<IWorkflowStep> steps, RetentionJobOptions options, TimeProvider time, ILogger<RetentionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.NextRun(time.GetUtcNow());
            var delay = next - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            var asOf = RetentionSchedule.AsOfFor(next);
            try
            {
                await RetentionWorkflow.RunAsync(new InProcessWorkflowContext(steps, time, stoppingToken), RetentionRunRange.Capture(asOf, asOf, options));
                LogRan(asOf, RetentionSchedule.IsMonthlyRun(next));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, asOf);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled retention run as of {AsOf} done (monthly run: {MonthlyRun})")]
    private partial void LogRan(DateOnly asOf, bool monthlyRun);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled retention run as of {AsOf} failed; the next slot runs again")]
    private partial void LogFailed(Exception exception, DateOnly asOf);
}
