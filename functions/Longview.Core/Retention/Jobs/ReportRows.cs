using System.Text.Json;
using Longview.Core.Lifecycle;
using Longview.Core.Serialization;

namespace Longview.Core.Retention.Jobs;

/// <summary>The rows of each report kind as JSON (the stored form and the API's) and as CSV (RetentionCsv).</summary>
public static class ReportRows
{
    public static string Json(RetentionReports reports, ReportKind kind)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return kind switch
        {
            ReportKind.Daily => JsonSerializer.Serialize(reports.Daily, LongviewJson.Options),
            ReportKind.Monthly => JsonSerializer.Serialize(reports.Monthly, LongviewJson.Options),
            ReportKind.Activity => JsonSerializer.Serialize(reports.Activity, LongviewJson.Options),
            ReportKind.Segments => JsonSerializer.Serialize(new[] { reports.Segments }, LongviewJson.Options),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
        };
    }

    public static IReadOnlyList<DailyCohortRow> Daily(string json) => Read<DailyCohortRow>(json);

    public static IReadOnlyList<MonthlyCohortRow> Monthly(string json) => Read<MonthlyCohortRow>(json);

    public static IReadOnlyList<ActivityRow> Activity(string json) => Read<ActivityRow>(json);

    public static IReadOnlyList<SegmentCounts> Segments(string json) => Read<SegmentCounts>(json);

    /// <summary>The rows of <paramref name="json"/> (as stored for <paramref name="kind"/>) as CSV with the kind's header.</summary>
    public static string Csv(ReportKind kind, string json) => kind switch
    {
        ReportKind.Daily => RetentionCsv.ToCsv(RetentionCsv.WriteDaily, Daily(json)),
        ReportKind.Monthly => RetentionCsv.ToCsv(RetentionCsv.WriteMonthly, Monthly(json)),
        ReportKind.Activity => RetentionCsv.ToCsv(RetentionCsv.WriteActivity, Activity(json)),
        ReportKind.Segments => RetentionCsv.ToCsv(RetentionCsv.WriteSegments, Segments(json)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
    };

    private static List<T> Read<T>(string json) =>
        JsonSerializer.Deserialize<List<T>>(json, LongviewJson.Options) ?? throw new JsonException($"stored {typeof(T).Name} rows are null");
}
