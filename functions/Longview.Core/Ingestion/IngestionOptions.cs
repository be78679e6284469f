using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Ingestion;

/// <summary>Knobs of <see cref="EventIngestion"/>.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Longview:Ingestion";

    /// <summary>Re-reads and re-folds of users whose write hit a concurrency conflict, after the first attempt.</summary>
    [Range(0, 100)]
    public int MaxConflictRetries { get; set; } = 8;

    /// <summary>Backoff before the first retry; doubles per retry, with ±50 % jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
