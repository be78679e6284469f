using System.Globalization;

namespace Longview.Infrastructure.Reports;

/// <summary>The as-of day as stored: yyyy-MM-dd, which sorts like the dates it names.</summary>
internal static class ReportKeys
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Bounds the stored rows (a report is cohorts x N rows; 16 MB is far above the default ranges).</summary>
    public const int MaxRowsJsonChars = 16 * 1024 * 1024;

    public static void EnsureSize(Core.Retention.Jobs.StoredReport report)
    {
        if (report.RowsJson.Length > MaxRowsJsonChars)
        {
            throw new ArgumentException($"report {report.Kind} as of {Day(report.AsOf)}: RowsJson has {report.RowsJson.Length} characters, more than {MaxRowsJsonChars}", nameof(report));
        }
    }
}
