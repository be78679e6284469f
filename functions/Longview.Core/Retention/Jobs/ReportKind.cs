namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The stored reports: the four retention reports, then the lifecycle job's; <see cref="ReportKinds.WireName"/> is their
/// name in routes, blobs and the store.
/// </summary>
public enum ReportKind
{
    Daily,
    Monthly,
    Activity,
    Segments,
    Survival,
    Lifespans,
    CohortValue,
    SegmentValue,
    Engagement,
    EngagementCohorts,
}

public static class ReportKinds
{
    /// <summary>What the retention job computes and the retention routes serve.</summary>
    public static IReadOnlyList<ReportKind> Retention { get; } = [ReportKind.Daily, ReportKind.Monthly, ReportKind.Activity, ReportKind.Segments];

    /// <summary>What the lifecycle job computes besides its member lists.</summary>
    public static IReadOnlyList<ReportKind> Lifecycle { get; } =
        [ReportKind.Survival, ReportKind.Lifespans, ReportKind.CohortValue, ReportKind.SegmentValue, ReportKind.Engagement, ReportKind.EngagementCohorts];

    public static IReadOnlyList<ReportKind> All { get; } = [.. Retention, .. Lifecycle];

    public static string WireName(this ReportKind kind) => kind switch
    {
        ReportKind.Daily => "daily",
        ReportKind.Monthly => "monthly",
        ReportKind.Activity => "activity",
        ReportKind.Segments => "segments",
        ReportKind.Survival => "survival",
        ReportKind.Lifespans => "lifespans",
        ReportKind.CohortValue => "cohort-value",
        ReportKind.SegmentValue => "segment-value",
        ReportKind.Engagement => "engagement",
        ReportKind.EngagementCohorts => "engagement-cohorts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
    };

    public static bool TryParse(string? text, out ReportKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
