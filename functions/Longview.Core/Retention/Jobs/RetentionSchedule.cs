namespace Longview.Core.Retention.Jobs;

/// <summary>
/// When the job runs: every day shortly after midnight UTC, as of the day that just ended. The run on the 1st is
/// as of the last day of the previous month, which completes that month's column of the monthly table (the
/// "monthly run"). Pure: both hosts ask it, and the Functions timer uses the same minute.
/// </summary>
public sealed class RetentionSchedule(RetentionJobOptions options)
{
    /// <summary>The first run time strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero).AddMinutes(options.RunMinutesAfterMidnight);
        return today > utc ? today : today.AddDays(1);
    }

    /// <summary>The as-of day of the run at <paramref name="runTime"/>: the UTC day before it.</summary>
    public static DateOnly AsOfFor(DateTimeOffset runTime) => DateOnly.FromDateTime(runTime.UtcDateTime).AddDays(-1);

    /// <summary>Whether the run at <paramref name="runTime"/> is the monthly one (as of a month's last day).</summary>
    public static bool IsMonthlyRun(DateTimeOffset runTime) => runTime.UtcDateTime.Day == 1;
}
