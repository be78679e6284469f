namespace Longview.Core.Retention.Jobs;

/// <summary>The four retention reports; <see cref="ReportKinds.WireName"/> is their name in routes, blobs and the store.</summary>
public enum ReportKind
{
    Daily,
    Monthly,
    Activity,
    Segments,
}

public static class ReportKinds
{
    public static IReadOnlyList<ReportKind> All { get; } = [ReportKind.Daily, ReportKind.Monthly, ReportKind.Activity, ReportKind.Segments];

    public static string WireName(this ReportKind kind) => kind switch
    {
        ReportKind.Daily => "daily",
        ReportKind.Monthly => "monthly",
        ReportKind.Activity => "activity",
        ReportKind.Segments => "segments",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
    };

    public static bool TryParse(string? text, out ReportKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
