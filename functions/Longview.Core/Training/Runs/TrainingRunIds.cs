namespace Longview.Core.Training.Runs;

/// <summary>Run ids are <c>yyyyMMddTHHmmssZ-xxxxxxxx</c>: sortable by start, unique, and safe as a blob folder name.</summary>
public static class TrainingRunIds
{
    public const int MaxLength = 64;

    public static string Create(DateTimeOffset now, Guid unique) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + unique.ToString("N")[..8];

    /// <summary>Letters, digits and '-' only (it becomes a blob path segment).</summary>
    public static bool IsValid(string? runId) =>
        !string.IsNullOrEmpty(runId) && runId.Length <= MaxLength && runId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
