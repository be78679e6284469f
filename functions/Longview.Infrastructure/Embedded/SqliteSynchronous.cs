namespace Longview.Infrastructure.Embedded;

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the embedded stores (WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Every commit syncs the write-ahead log before it returns: an answered write (a 200 for an event batch) survives
    /// a power loss or an OS crash. The default.
    /// </summary>
    Full,

    /// <summary>
    /// Syncs only at checkpoints: faster, survives a crash of the process but a power loss can drop the last commits,
    /// events already answered 200 among them. For throw-away data (benchmarks, simulations), and what the served lists'
    /// own writes use whatever this setting (their impressions, the list and exposure logs: best effort, like the
    /// in-memory queue they come from).
    /// </summary>
    Normal,
}
