using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;

namespace Longview.Local.Retention;

/// <summary>
/// At <c>serve</c> start-up (after seeding): when the newest stored report is older than yesterday (a fresh store, or
/// the process was down at the scheduled time), runs the job as of yesterday so the page shows stored reports at once;
/// the same for the lifecycle job (lists, lifecycle reports) when its newest day is older than yesterday, and for the
/// daily outcome job when the report of its serving day is missing.
/// </summary>
internal static class RetentionCatchUp
{
    public static async Task RunIfBehindAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var yesterday = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(-1);
        var latest = await services.GetRequiredService<IRetentionReportStore>().GetLatestAsync(ReportKind.Daily, cancellationToken);
        if (latest is null || latest.AsOf < yesterday)
        {
            await services.GetRequiredService<RetentionJob>().RunAsync(yesterday, cancellationToken);
        }
        if (services.GetRequiredService<RetentionJobOptions>().Lifecycle)
        {
            var day = await services.GetRequiredService<LifecycleReader>().LatestDayAsync(cancellationToken);
            if (day is null || day < yesterday)
            {
                await services.GetRequiredService<LifecycleJob>().RunAsync(yesterday, cancellationToken);
            }
        }
        if (services.GetRequiredService<RetentionJobOptions>().Outcomes)
        {
            await services.GetRequiredService<ListOutcomeJob>().RunIfMissingAsync(yesterday, cancellationToken);
        }
    }
}
