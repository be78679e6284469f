using System.Text.Json;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Lifecycle.Reports;
using Longview.Core.Serialization;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// Answers the retention routes: rows of the latest stored report of a kind, filtered to the range; when no report
/// is stored yet, computes them on demand from the profiles (as of <c>to</c>, or yesterday) without storing them.
/// Segment counts are one row per as-of day, so they come from every stored report whose as-of lies in the range.
/// </summary>
public sealed class RetentionReportQuery(IRetentionReportStore store, RetentionCalculator calculator, TimeProvider time)
{
    public const int MaxSegmentRows = 1_000;

    public async Task<ReportAnswer> GetAsync(ReportKind kind, ReportRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (kind == ReportKind.Segments && range.From is { } from)
        {
            var stored = await SegmentsInRangeAsync(from, range.To ?? DateOnly.MaxValue, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return stored;
            }
        }
        else if (await store.GetLatestAsync(kind, cancellationToken).ConfigureAwait(false) is { } latest)
        {
            return new ReportAnswer(kind, latest.AsOf, ReportSource.Stored, latest.ComputedAt, Filter(kind, latest.RowsJson, range));
        }
        var asOf = range.To ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var reports = await calculator.ComputeAsync(asOf, cancellationToken).ConfigureAwait(false);
        return new ReportAnswer(kind, asOf, ReportSource.Computed, reports.ComputedAt, Filter(kind, ReportRows.Json(reports, kind), range));
    }

    /// <summary>Days of segment sizes the report page draws, back from the newest lifecycle day.</summary>
    public const int SegmentSizeDays = 90;

    /// <summary>
    /// What the report page draws about the lifecycle: the tables of the newest lifecycle day, and the segment sizes of
    /// the lifecycle days of the <see cref="SegmentSizeDays"/> before it; null before the first lifecycle run.
    /// </summary>
    public async Task<LifecycleCharts?> LifecycleChartsAsync(CancellationToken cancellationToken = default)
    {
        if (await store.GetLatestAsync(ReportKind.SegmentValue, cancellationToken).ConfigureAwait(false) is not { } latest)
        {
            return null;
        }
        var asOf = latest.AsOf;
        async Task<IReadOnlyList<T>> Rows<T>(ReportKind kind) =>
            await store.GetAsync(kind, asOf, cancellationToken).ConfigureAwait(false) is { } report
                ? JsonSerializer.Deserialize<List<T>>(report.RowsJson, LongviewJson.Options) ?? []
                : [];
        var sizes = new List<SegmentSizeRow>();
        foreach (var day in await store.ListAsOfAsync(ReportKind.SegmentValue, asOf.AddDays(1 - SegmentSizeDays), asOf, SegmentSizeDays, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetAsync(ReportKind.SegmentValue, day, cancellationToken).ConfigureAwait(false) is { } report)
            {
                sizes.AddRange((JsonSerializer.Deserialize<List<SegmentValueRow>>(report.RowsJson, LongviewJson.Options) ?? []).Select(r => new SegmentSizeRow(day, r.Segment, r.Users)));
            }
        }
        return new LifecycleCharts(
            asOf,
            await Rows<SurvivalRow>(ReportKind.Survival).ConfigureAwait(false),
            await Rows<CohortLifespanRow>(ReportKind.Lifespans).ConfigureAwait(false),
            await Rows<CohortValueRow>(ReportKind.CohortValue).ConfigureAwait(false),
            JsonSerializer.Deserialize<List<SegmentValueRow>>(latest.RowsJson, LongviewJson.Options) ?? [],
            sizes,
            await Rows<EngagementDayRow>(ReportKind.Engagement).ConfigureAwait(false),
            await Rows<EngagementCohortRow>(ReportKind.EngagementCohorts).ConfigureAwait(false));
    }

    private async Task<ReportAnswer?> SegmentsInRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = await store.ListAsOfAsync(ReportKind.Segments, from, to, MaxSegmentRows, cancellationToken).ConfigureAwait(false);
        if (days.Count == 0)
        {
            return null;
        }
        var rows = new List<Lifecycle.SegmentCounts>(days.Count);
        var computedAt = DateTimeOffset.MinValue;
        foreach (var day in days)
        {
            if (await store.GetAsync(ReportKind.Segments, day, cancellationToken).ConfigureAwait(false) is { } report)
            {
                rows.AddRange(ReportRows.Segments(report.RowsJson));
                computedAt = report.ComputedAt > computedAt ? report.ComputedAt : computedAt;
            }
        }
        return new ReportAnswer(ReportKind.Segments, days[^1], ReportSource.Stored, computedAt, JsonSerializer.Serialize(rows, LongviewJson.Options));
    }

    /// <summary>The rows whose cohort (daily, monthly: the cohort month's first day), day or as-of lies in the range.</summary>
    public static string Filter(ReportKind kind, string rowsJson, ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.From is null && range.To is null)
        {
            return rowsJson;
        }
        return kind switch
        {
            ReportKind.Daily => Serialize(ReportRows.Daily(rowsJson).Where(r => range.Contains(r.Cohort))),
            ReportKind.Monthly => Serialize(ReportRows.Monthly(rowsJson).Where(r => MonthOverlaps(r.CohortMonth, range))),
            ReportKind.Activity => Serialize(ReportRows.Activity(rowsJson).Where(r => range.Contains(r.Day))),
            ReportKind.Segments => Serialize(ReportRows.Segments(rowsJson).Where(r => range.Contains(r.AsOf))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
        };
    }

    /// <summary>A monthly cohort is in the range when any day of its month is.</summary>
    private static bool MonthOverlaps(DateOnly monthStart, ReportRange range)
    {
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        return (range.From is null || monthEnd >= range.From) && (range.To is null || monthStart <= range.To);
    }

    private static string Serialize<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows.ToList(), LongviewJson.Options);
}
