using System.Globalization;
using Longview.Core.Lifecycle;

namespace Longview.Core.Retention;

/// <summary>
/// CSV (RFC 4180, comma, header row, invariant culture, '\n' line ends) for the report records. A null cell is
/// empty; dates are yyyy-MM-dd; rates are written round-trip exact.
/// </summary>
public static class RetentionCsv
{
    public const string DailyHeader = "cohort,day,cohort_size,retained,retained_or_later,retention_rate,unbounded_rate";
    public const string MonthlyHeader = "cohort_month,month,cohort_size,retained,retained_or_later,retention_rate,unbounded_rate";
    public const string ActivityHeader = "day,dau,wau,mau,stickiness";
    public const string SegmentsHeader = "as_of,new,active,reactivated,at_risk,dormant,churned,total,churn_risk_source";

    public static void WriteDaily(TextWriter writer, IEnumerable<DailyCohortRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(DailyHeader + "\n");
        foreach (var r in rows)
        {
            writer.Write($"{Day(r.Cohort)},{Int(r.Day)},{Int(r.CohortSize)},{Int(r.Retained)},{Int(r.RetainedOrLater)},{Rate(r.RetentionRate)},{Rate(r.UnboundedRate)}\n");
        }
    }

    public static void WriteMonthly(TextWriter writer, IEnumerable<MonthlyCohortRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(MonthlyHeader + "\n");
        foreach (var r in rows)
        {
            writer.Write($"{Day(r.CohortMonth)},{Int(r.Month)},{Int(r.CohortSize)},{Int(r.Retained)},{Int(r.RetainedOrLater)},{Rate(r.RetentionRate)},{Rate(r.UnboundedRate)}\n");
        }
    }

    public static void WriteActivity(TextWriter writer, IEnumerable<ActivityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(ActivityHeader + "\n");
        foreach (var r in rows)
        {
            writer.Write($"{Day(r.Day)},{Int(r.Dau)},{Int(r.Wau)},{Int(r.Mau)},{Rate(r.Stickiness)}\n");
        }
    }

    public static void WriteSegments(TextWriter writer, IEnumerable<SegmentCounts> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(SegmentsHeader + "\n");
        foreach (var r in rows)
        {
            writer.Write($"{Day(r.AsOf)},{Int(r.New)},{Int(r.Active)},{Int(r.Reactivated)},{Int(r.AtRisk)},{Int(r.Dormant)},{Int(r.Churned)},{Int(r.Total)},{Text(r.ChurnRiskSource)}\n");
        }
    }

    public static string ToCsv<T>(Action<TextWriter, IEnumerable<T>> write, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer, rows);
        return writer.ToString();
    }

    /// <summary>
    /// RFC 4180 quoting for free text (a model version, a user id, a message: not ours to constrain). Text starting with
    /// =, +, - or @ is prefixed with ' so that a spreadsheet opening a CRM export never runs it as a formula.
    /// </summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Rate(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
