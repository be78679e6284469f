using Microsoft.Extensions.Logging;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The retention job: compute every report as of a day from the profiles and store it (store + blob copies).
/// Re-running a day overwrites it; a backfill runs the days of a range in order.
/// </summary>
public sealed partial class RetentionJob(RetentionCalculator calculator, RetentionReportWriter writer, RetentionJobOptions options, ILogger<RetentionJob> logger)
{
    public async Task<RetentionReports> RunAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var reports = await calculator.ComputeAsync(asOf, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(reports, cancellationToken).ConfigureAwait(false);
        LogStored(asOf, reports.UsersScanned, reports.Daily.Count, reports.Monthly.Count);
        return reports;
    }

    /// <summary>Runs every as-of day of [from, to] (at most MaxBackfillDays); returns the days stored.</summary>
    public async Task<IReadOnlyList<DateOnly>> BackfillAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var days = BackfillDays(from, to, options);
        foreach (var day in days)
        {
            await RunAsync(day, cancellationToken).ConfigureAwait(false);
        }
        return days;
    }

    /// <summary>The as-of days of a backfill, validated (from &lt;= to, at most MaxBackfillDays).</summary>
    public static IReadOnlyList<DateOnly> BackfillDays(DateOnly from, DateOnly to, RetentionJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BackfillDays(from, to, options.MaxBackfillDays);
    }

    /// <summary>The as-of days of a backfill, validated (from &lt;= to, at most <paramref name="maxBackfillDays"/>).</summary>
    public static IReadOnlyList<DateOnly> BackfillDays(DateOnly from, DateOnly to, int maxBackfillDays)
    {
        if (to < from)
        {
            throw new ArgumentException($"to: {to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}", nameof(to));
        }
        var count = to.DayNumber - from.DayNumber + 1;
        if (count > maxBackfillDays)
        {
            throw new ArgumentException($"to: a backfill of {count} days is more than MaxBackfillDays {maxBackfillDays}", nameof(to));
        }
        return [.. Enumerable.Range(0, count).Select(from.AddDays)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention reports as of {AsOf} stored: {UsersScanned} profiles scanned, {DailyRows} daily rows, {MonthlyRows} monthly rows")]
    private partial void LogStored(DateOnly asOf, long usersScanned, int dailyRows, int monthlyRows);
}
