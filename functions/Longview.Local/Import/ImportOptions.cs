namespace Longview.Local.Import;

/// <summary>What to import and how to batch it.</summary>
public sealed record ImportOptions(string Path, string Format)
{
    public const string NdjsonFormat = "ndjson";
    public const int MaxBatchSize = 50_000;

    /// <summary>Events (or NDJSON lines) per ingestion call.</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>How many refused lines are quoted in the summary (all are counted).</summary>
    public int MaxReportedErrors { get; init; } = 20;
}
