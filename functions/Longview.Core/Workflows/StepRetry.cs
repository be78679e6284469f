namespace Longview.Core.Workflows;

/// <summary>
/// How often and how patiently a workflow retries an idempotent step before its failure reaches the workflow: up to
/// <see cref="MaxAttempts"/> runs in all, waiting <see cref="FirstDelay"/> after the first failure, then that times
/// <see cref="BackoffCoefficient"/> each time, never more than <see cref="MaxDelay"/>. Declared at the call site, part of
/// the workflow's input (so a settings change does not change a running instance), and honoured by both workflow
/// runtimes: Durable maps it to a <c>RetryPolicy</c> (the history shows every attempt), the in-process context waits
/// on its <see cref="TimeProvider"/>. Only for steps that are safe to run again.
/// </summary>
public sealed class StepRetry
{
    private const int MaxAttemptsBound = 20;

    private const double MaxBackoffCoefficient = 10;

    public int MaxAttempts { get; set; } = 3;

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);

    public double BackoffCoefficient { get; set; } = 2;

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A copy, for a workflow input that must not change when the bound options do.</summary>
    public StepRetry Copy() => new() { MaxAttempts = MaxAttempts, FirstDelay = FirstDelay, BackoffCoefficient = BackoffCoefficient, MaxDelay = MaxDelay };

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var delay = FirstDelay.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 1);
        return delay >= MaxDelay.TotalMilliseconds ? MaxDelay : TimeSpan.FromMilliseconds(delay);
    }

    /// <summary>
    /// Why these values cannot be used (a Durable RetryPolicy refuses some of them too), or null. The one check of these
    /// values: the options that hold a <see cref="StepRetry"/> call it from their validation.
    /// </summary>
    public string? Problem(string setting) =>
        MaxAttempts is < 1 or > MaxAttemptsBound ? $"{setting}:MaxAttempts must be between 1 and {MaxAttemptsBound} (got {MaxAttempts})"
        : FirstDelay <= TimeSpan.Zero ? $"{setting}:FirstDelay must be positive (got {FirstDelay})"
        : BackoffCoefficient is < 1 or > MaxBackoffCoefficient ? $"{setting}:BackoffCoefficient must be between 1 and {MaxBackoffCoefficient} (got {BackoffCoefficient})"
        : MaxDelay < FirstDelay ? $"{setting}:MaxDelay ({MaxDelay}) must not be shorter than FirstDelay ({FirstDelay})"
        : null;
}
