namespace Longview.Core.Retention.Jobs;

/// <summary>Where an answer's rows come from: a stored job report, or computed on demand because none was stored.</summary>
public enum ReportSource
{
    Stored,
    Computed,
}

/// <summary>The rows of one report kind within a range, as the routes and the page serve them.</summary>
public sealed record ReportAnswer(ReportKind Kind, DateOnly AsOf, ReportSource Source, DateTimeOffset ComputedAt, string RowsJson)
{
    public string Csv() => ReportRows.Csv(Kind, RowsJson);
}
