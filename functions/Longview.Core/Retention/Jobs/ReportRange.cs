using System.Globalization;

namespace Longview.Core.Retention.Jobs;

/// <summary>A problem with one query parameter: which one and why (the API answers 400 problem+json with it).</summary>
public sealed record ReportRangeError(string Parameter, string Message);

/// <summary>
/// The optional <c>from</c>/<c>to</c> filter of the retention routes: ISO dates (yyyy-MM-dd), from &lt;= to, and a
/// bounded span. Absent bounds are open (the stored report's own range applies).
/// </summary>
public sealed record ReportRange(DateOnly? From, DateOnly? To)
{
    public const int MaxSpanDays = 3_660;

    public static ReportRange All { get; } = new(null, null);

    public bool Contains(DateOnly day) => (From is null || day >= From) && (To is null || day <= To);

    /// <summary>Parses the two query values; returns null and sets <paramref name="error"/> naming the parameter when invalid.</summary>
    public static ReportRange? Parse(string? from, string? to, out ReportRangeError? error)
    {
        error = null;
        if (!TryDay("from", from, out var fromDay, ref error) || !TryDay("to", to, out var toDay, ref error))
        {
            return null;
        }
        if (fromDay is { } f && toDay is { } t)
        {
            if (f > t)
            {
                error = new ReportRangeError("from", $"from {f:yyyy-MM-dd} is after to {t:yyyy-MM-dd}");
                return null;
            }
            if (t.DayNumber - f.DayNumber + 1 > MaxSpanDays)
            {
                error = new ReportRangeError("to", $"the range spans {t.DayNumber - f.DayNumber + 1} days; at most {MaxSpanDays} are allowed");
                return null;
            }
        }
        return new ReportRange(fromDay, toDay);
    }

    private static bool TryDay(string name, string? text, out DateOnly? day, ref ReportRangeError? error)
    {
        day = null;
        if (text is null)
        {
            return true;
        }
        if (text.Length > 10 || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = new ReportRangeError(name, $"{name} must be an ISO date yyyy-MM-dd, got '{(text.Length > 40 ? text[..40] + "..." : text)}'");
            return false;
        }
        day = parsed;
        return true;
    }
}
