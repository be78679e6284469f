using Longview.Core.Lifecycle.Engagement;

namespace Longview.Core.Lifecycle.Reports;

/// <summary>Everything the report page draws about the lifecycle, as of one day, read from the stored lifecycle reports.</summary>
public sealed record LifecycleCharts(
    DateOnly AsOf,
    IReadOnlyList<SurvivalRow> Survival,
    IReadOnlyList<CohortLifespanRow> Lifespans,
    IReadOnlyList<CohortValueRow> CohortValue,
    IReadOnlyList<SegmentValueRow> SegmentValue,
    IReadOnlyList<SegmentSizeRow> SegmentSizes,
    IReadOnlyList<EngagementDayRow> EngagementDays,
    IReadOnlyList<EngagementCohortRow> EngagementCohorts);
