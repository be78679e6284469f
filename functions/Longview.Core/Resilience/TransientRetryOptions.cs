using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Resilience;

/// <summary>
/// How hard a batch tries before it gives up on a store call that failed for a transient reason (throttling, timeouts,
/// a service briefly unavailable). Exponential backoff with equal jitter, capped.
/// </summary>
public sealed class TransientRetryOptions
{
    public const string SectionName = "Longview:TransientRetry";

    /// <summary>Total attempts including the first one (1 disables retries). Bounded to 1..20.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff base: the delay before the first retry is between half of this and this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>No single wait is longer than this, whatever the backoff or the service's retry-after hint says.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
