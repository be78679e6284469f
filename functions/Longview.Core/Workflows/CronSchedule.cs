using Cronos;

namespace Longview.Core.Workflows;

/// <summary>
/// A schedule as the Azure Functions timer trigger reads it: one NCRONTAB expression with seconds
/// (<c>sec min hour day month day-of-week</c>), in UTC. The self-hosted schedulers parse the same setting with this
/// type, so one value means the same times in both hosts.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; <paramref name="error"/> says why it is not a 6-field NCRONTAB expression.</summary>
    public static bool TryParse(string? text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty (expected 6 fields: sec min hour day month day-of-week, e.g. \"0 15 0 * * *\")";
            return false;
        }
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            error = $"'{text}' has {fields} fields; the Functions timer needs 6 (sec min hour day month day-of-week, e.g. \"0 15 0 * * *\")";
            return false;
        }
        try
        {
            schedule = new CronSchedule(text.Trim(), CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds));
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"'{text}' is not a cron expression: {e.Message}";
            return false;
        }
    }

    /// <summary>Parses <paramref name="text"/> or throws naming <paramref name="setting"/>.</summary>
    public static CronSchedule Parse(string? text, string setting) =>
        TryParse(text, out var schedule, out var error) ? schedule! : throw new FormatException($"{setting} {error}");

    /// <summary>The first occurrence strictly after <paramref name="now"/> (UTC).</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now) =>
        _expression.GetNextOccurrence(now.ToUniversalTime(), TimeZoneInfo.Utc)
        ?? throw new InvalidOperationException($"schedule '{Text}' has no occurrence after {now:u}");

    public override string ToString() => Text;
}
