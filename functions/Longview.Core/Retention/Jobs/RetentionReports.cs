using Longview.Core.Lifecycle;

namespace Longview.Core.Retention.Jobs;

/// <summary>Every retention table computed as of one UTC day from one pass over the profiles.</summary>
public sealed record RetentionReports(
    DateOnly AsOf,
    DateTimeOffset ComputedAt,
    long UsersScanned,
    IReadOnlyList<DailyCohortRow> Daily,
    IReadOnlyList<MonthlyCohortRow> Monthly,
    IReadOnlyList<ActivityRow> Activity,
    SegmentCounts Segments);
