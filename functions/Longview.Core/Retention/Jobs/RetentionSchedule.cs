using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// When the job runs: at the times of the <c>Longview:Retention:Schedule</c> cron expression (by default every day at
/// 00:15 UTC), as of the day that ended before the run. The run on the 1st is as of the last day of the previous month,
/// which completes that month's column of the monthly table (the "monthly run"). Pure: the self-hosted scheduler asks
/// it, and the Functions timer fires on the same expression.
/// </summary>
public sealed class RetentionSchedule(IOptions<RetentionScheduleOptions> options)
{
    public const string Setting = RetentionScheduleOptions.SectionName + ":Schedule";

    /// <summary>The first run time strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now) => CronSchedule.Parse(options.Value.Schedule, Setting).NextAfter(now);

    /// <summary>The as-of day of the run at <paramref name="runTime"/>: the UTC day before it.</summary>
    public static DateOnly AsOfFor(DateTimeOffset runTime) => DateOnly.FromDateTime(runTime.UtcDateTime).AddDays(-1);

    /// <summary>Whether the run at <paramref name="runTime"/> is the monthly one (as of a month's last day).</summary>
    public static bool IsMonthlyRun(DateTimeOffset runTime) => runTime.UtcDateTime.Day == 1;
}
