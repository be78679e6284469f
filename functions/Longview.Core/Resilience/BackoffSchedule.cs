namespace Longview.Core.Resilience;

/// <summary>The wait before each retry: exponential from <see cref="TransientRetryOptions.InitialDelay"/>, capped, with equal jitter.</summary>
public static class BackoffSchedule
{
    /// <summary>
    /// Wait before retry number <paramref name="retry"/> (1 = the first retry). <paramref name="jitter"/> in [0, 1) picks a
    /// point in the upper half of the exponential step so that many partitions failing together do not retry in lockstep.
    /// A service hint (<paramref name="retryAfter"/>) is honoured when longer, but never beyond the cap.
    /// </summary>
    public static TimeSpan Delay(int retry, double jitter, TransientRetryOptions options, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "jitter must be in [0, 1)");
        }

        var cap = options.MaxDelay.Ticks;
        // 2^(retry-1) overflows long after ~62 doublings; the cap is reached long before, so clamp the exponent.
        var step = Math.Min((double)options.InitialDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 40)), cap);
        var ticks = (long)(step / 2 + step / 2 * jitter);
        if (retryAfter is { } hint && hint.Ticks > ticks)
        {
            ticks = hint.Ticks;
        }
        return TimeSpan.FromTicks(Math.Clamp(ticks, 0, cap));
    }
}
