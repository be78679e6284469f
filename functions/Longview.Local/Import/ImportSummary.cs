namespace Longview.Local.Import;

/// <summary>What an import did. <see cref="Errors"/> holds the first few refused lines (file:line: reason); the counts hold them all.</summary>
public sealed record ImportSummary(
    long Items,
    long ItemsRejected,
    long Events,
    long Accepted,
    long Duplicates,
    long Rejected,
    TimeSpan Elapsed,
    IReadOnlyList<string> Errors)
{
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;
}
