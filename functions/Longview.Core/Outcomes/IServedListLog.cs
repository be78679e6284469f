namespace Longview.Core.Outcomes;

/// <summary>
/// The log of served lists (the port behind the outcome report and experiment exposure): SQLite self-hosted, Cosmos in
/// Azure. Appends are idempotent by recommendation id (a list logged twice is one list).
/// </summary>
public interface IServedListLog
{
    Task AppendAsync(IReadOnlyList<ServedList> lists, CancellationToken cancellationToken = default);

    /// <summary>The lists served in [from, to), in no particular order, streamed (one page in memory at a time).</summary>
    IAsyncEnumerable<ServedList> ScanAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
