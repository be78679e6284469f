using System.Text.Json;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Lifecycle.Reports;
using Longview.Core.Outcomes;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serialization;

namespace Longview.Local.Tests.Pages;

/// <summary>Hand-made report rows for the page: every lifecycle chart gets rows with values a test can look for.</summary>
internal static class SyntheticReports
{
    public static readonly DateOnly AsOf = new(2024, 3, 31);

    public static ReportAnswer Daily() => Answer(ReportKind.Daily,
    [
        new DailyCohortRow(new DateOnly(2024, 3, 1), 1, 4, 1, 2, 0.25, 0.5),
        new DailyCohortRow(new DateOnly(2024, 3, 1), 7, 4, 1, 1, 0.25, 0.25),
    ]);

    public static ReportAnswer Monthly() => Answer(ReportKind.Monthly, [new MonthlyCohortRow(new DateOnly(2024, 1, 1), 1, 3, 1, 2, 1.0 / 3, 2.0 / 3)]);

    public static ReportAnswer Activity() => Answer(ReportKind.Activity,
    [
        new ActivityRow(new DateOnly(2024, 3, 1), 1, 2, 2, 0.5),
        new ActivityRow(new DateOnly(2024, 3, 2), 2, 2, 3, 2.0 / 3),
    ]);

    public static LifecycleCharts Lifecycle() => new(
        AsOf,
        Survival:
        [
            new SurvivalRow("2024-01", 3, 120, 6, 0.95, 0.9012, 0.9761),
            new SurvivalRow("2024-01", 30, 80, 5, 0.8125, 0.7431, 0.8652),
            new SurvivalRow("all", 3, 300, 12, 0.96, 0.9311, 0.9772),
            new SurvivalRow("all", 45, 150, 30, 0.768, 0.71, 0.8159),
        ],
        Lifespans:
        [
            new CohortLifespanRow("2024-01", 120, 70, 41.5, 30, 58, 44.25, 90),
            new CohortLifespanRow("2024-02", 90, 20, null, null, null, 71.125, 90),
            new CohortLifespanRow("all", 300, 130, 60, 48, double.PositiveInfinity, 55.5, 90),
        ],
        CohortValue:
        [
            new CohortValueRow("2024-01", 120, 40, 1234.5, 89.25, 567.75, 0.61),
            new CohortValueRow("all", 300, 95, 2790.25, 210.5, 1502.125, 0.66),
        ],
        SegmentValue:
        [
            new SegmentValueRow("active", 150, 900.5, 120.25, 0.13),
            new SegmentValueRow("at_risk", 40, 400, 260.75, 0.65),
            new SegmentValueRow("rfm_champions", 30, 700, 35, 0.05),
            new SegmentValueRow("group_2", 55, 300, 90, 0.3),
        ],
        SegmentSizes:
        [
            new SegmentSizeRow(new DateOnly(2024, 3, 29), "active", 140),
            new SegmentSizeRow(new DateOnly(2024, 3, 30), "active", 145),
            new SegmentSizeRow(new DateOnly(2024, 3, 31), "active", 150),
            new SegmentSizeRow(new DateOnly(2024, 3, 31), "at_risk", 40),
            new SegmentSizeRow(new DateOnly(2024, 3, 31), "rfm_champions", 30),
            new SegmentSizeRow(new DateOnly(2024, 3, 31), "group_2", 55),
        ],
        EngagementDays:
        [
            new EngagementDayRow(new DateOnly(2024, 3, 30), 0, 0, 0, 0, 0, 0),
            new EngagementDayRow(new DateOnly(2024, 3, 31), 12, 17, 17 / 12.0, 6.75, 4.5, 3.25),
        ],
        EngagementCohorts:
        [
            new EngagementCohortRow("2024-01", 5, 9, 1.8, 7.5, 2.5),
            new EngagementCohortRow("all", 12, 17, 17 / 12.0, 6.75, 3.25),
        ]);

    private static ReportAnswer Answer<T>(ReportKind kind, IReadOnlyList<T> rows) =>
        new(kind, AsOf, ReportSource.Stored, new DateTimeOffset(2024, 4, 1, 0, 15, 0, TimeSpan.Zero), JsonSerializer.Serialize(rows, LongviewJson.Options));

    /// <summary>Two serving days of list outcomes: positions 0-2, two variants, three reason types.</summary>
    public static ListOutcomeAnswer Outcomes()
    {
        var report = new ListOutcomeReport(
            new DateOnly(2024, 3, 29), new DateOnly(2024, 3, 30), new DateTimeOffset(2024, 3, 31, 0, 15, 0, TimeSpan.Zero), 24, 210, 4, 6,
            Totals(200, 2000, 150, 120, 30, 25, 612.5, 90),
            [new("0", Totals(0, 200, 40, 0, 8, 0, 160, 0)), new("1", Totals(0, 200, 20, 0, 4, 0, 80, 0)), new("2", Totals(0, 200, 10, 0, 2, 0, 40, 0))],
            [new("active", Totals(200, 2000, 150, 120, 30, 25, 612.5, 90))],
            [new("v7", Totals(200, 2000, 150, 120, 30, 25, 612.5, 90))],
            [new("ranking/control", Totals(100, 1000, 60, 50, 12, 10, 250, 40)), new("ranking/fresh", Totals(100, 1000, 90, 70, 18, 15, 362.5, 50))],
            [new("exploration", Totals(0, 400, 12, 0, 1, 0, 20, 0)), new("model", Totals(0, 1400, 130, 0, 28, 0, 580, 0)), new("popular", Totals(0, 200, 8, 0, 1, 0, 12.5, 0))],
            [new("2024-03-29", Totals(120, 1200, 80, 70, 15, 12, 300, 50)), new("2024-03-30", Totals(80, 800, 70, 50, 15, 13, 312.5, 40))]);
        return new ListOutcomeAnswer(report, StoredDays: 2, ComputedDays: 0);
    }

    private static OutcomeTotals Totals(long lists, long impressions, long clicks, long clickedLists, long purchases, long convertedLists, double value, long returnedLists) =>
        JsonSerializer.Deserialize<OutcomeTotals>(
            $$"""{"lists":{{lists}},"impressions":{{impressions}},"clicks":{{clicks}},"clickedLists":{{clickedLists}},"purchases":{{purchases}},"convertedLists":{{convertedLists}},"value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"returnedLists":{{returnedLists}}}""",
            LongviewJson.Options)!;
}
