using Longview.Core.Retention.Jobs;
using Microsoft.Extensions.Options;

namespace Longview.Core.Health;

/// <summary>
/// Degraded when the newest stored daily retention report is older than <see cref="ReadinessOptions.MaxReportAgeDays"/>
/// (or none is stored): the scheduled retention job is failing or not running, and the report routes serve old tables.
/// </summary>
public sealed class RetentionReportReadinessCheck(IRetentionReportStore reports, IOptions<ReadinessOptions> options, TimeProvider time) : IReadinessCheck
{
    public const string Name = "reports";

    public string Component => Name;

    public Readiness WhenFailing => Readiness.Degraded;

    public async Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        var latest = await reports.GetLatestAsync(ReportKind.Daily, cancellationToken).ConfigureAwait(false);
        return Judge(latest?.AsOf, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), options.Value.MaxReportAgeDays);
    }

    /// <summary>The rule alone: <paramref name="newest"/> may be at most <paramref name="maxAgeDays"/> before <paramref name="today"/>.</summary>
    public static ComponentReadiness Judge(DateOnly? newest, DateOnly today, int maxAgeDays)
    {
        if (newest is not { } asOf)
        {
            return new ComponentReadiness(Name, Readiness.Degraded, "no daily retention report stored: the retention job has not completed a run");
        }
        var age = today.DayNumber - asOf.DayNumber;
        return age <= maxAgeDays
            ? new ComponentReadiness(Name, Readiness.Ready, $"newest daily retention report is as of {asOf:yyyy-MM-dd}")
            : new ComponentReadiness(Name, Readiness.Degraded,
                $"newest daily retention report is as of {asOf:yyyy-MM-dd}, {age} days old (at most {maxAgeDays} expected): the retention job is failing or not running");
    }
}
