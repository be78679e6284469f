using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Health;

/// <summary>Settings of the readiness checks (section "Longview:Readiness"; validated by <see cref="ReadinessServiceCollectionExtensions"/>).</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "Longview:Readiness";

    /// <summary>A check still running after this long counts as failing (a hung store must not hang the probe).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Oldest acceptable daily retention report, in days before today (UTC). The job runs shortly after midnight for
    /// the day that ended, so the newest report is normally 1 day old and 2 just before the run.
    /// </summary>
    [Range(1, 366)]
    public int MaxReportAgeDays { get; set; } = 2;
}
