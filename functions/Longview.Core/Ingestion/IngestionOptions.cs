namespace Longview.Core.Ingestion;

/// <summary>Knobs of <see cref="EventIngestion"/>.</summary>
public sealed class IngestionOptions
{
    /// <summary>Re-reads and re-folds of users whose write hit a concurrency conflict, after the first attempt.</summary>
    public int MaxConflictRetries { get; set; } = 8;

    /// <summary>Backoff before the first retry; doubles per retry, with ±50 % jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
