using Longview.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Resilience;

/// <summary>
/// Runs one store-facing operation again after transient failures, with capped exponential backoff. Waits go through the
/// injected <see cref="TimeProvider"/>; permanent failures and cancellation propagate at once; the last transient failure
/// propagates when the attempts are spent, so callers always learn the outcome.
/// </summary>
public sealed class TransientRetry
{
    private const int MaxAttemptsBound = 20;

    private readonly TransientRetryOptions _options;
    private readonly ITransientFailureClassifier _classifier;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly ILogger<TransientRetry> _logger;
    private readonly LongviewMetrics _metrics;

    public TransientRetry(
        IOptions<TransientRetryOptions> options,
        ITransientFailureClassifier classifier,
        TimeProvider time,
        ILogger<TransientRetry> logger,
        LongviewMetrics? metrics = null)
        : this(options, classifier, time, logger, static () => Random.Shared.NextDouble(), metrics)
    {
    }

    internal TransientRetry(
        IOptions<TransientRetryOptions> options,
        ITransientFailureClassifier classifier,
        TimeProvider time,
        ILogger<TransientRetry> logger,
        Func<double> jitter,
        LongviewMetrics? metrics = null)
    {
        _metrics = metrics ?? LongviewMetrics.Unscoped;
        _options = options.Value;
        if (_options.MaxAttempts is < 1 or > MaxAttemptsBound)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxAttempts, $"{nameof(TransientRetryOptions.MaxAttempts)} must be between 1 and {MaxAttemptsBound}");
        }
        if (_options.InitialDelay < TimeSpan.Zero || _options.MaxDelay < _options.InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(TransientRetryOptions.InitialDelay)} must be >= 0 and <= {nameof(TransientRetryOptions.MaxDelay)}");
        }
        _classifier = classifier;
        _time = time;
        _logger = logger;
        _jitter = jitter;
    }

    public int MaxAttempts => _options.MaxAttempts;

    /// <summary>Runs <paramref name="action"/>; <paramref name="operation"/> names it in the logs.</summary>
    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < _options.MaxAttempts
                                       && !cancellationToken.IsCancellationRequested
                                       && _classifier.IsTransient(ex, out retryAfter))
            {
                var delay = BackoffSchedule.Delay(attempt, _jitter(), _options, retryAfter);
                _logger.LogWarning(
                    "Transient failure in {Operation} ({ExceptionType}: {ExceptionMessage}); attempt {Attempt} of {MaxAttempts}, retrying in {DelayMs} ms",
                    operation, ex.GetType().Name, ex.Message, attempt, _options.MaxAttempts, (long)delay.TotalMilliseconds);
                _metrics.StoreRetried(operation);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> until it succeeds or <paramref name="cancellationToken"/> is cancelled, with the
    /// same capped backoff as <see cref="ExecuteAsync{T}"/> but no attempt cap: for work that has nowhere else to go
    /// (a stream batch must not return before its events are stored). Transient failures are retried; permanent ones
    /// too when <paramref name="retryPermanentFailures"/> (the dead-letter store is the last resort, so giving up on it
    /// would lose data), otherwise they propagate. Cancellation propagates at once.
    /// </summary>
    public async Task<T> ExecuteUntilCancelledAsync<T>(
        string operation, Func<CancellationToken, Task<T>> action, bool retryPermanentFailures, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                       && (_classifier.IsTransient(ex, out retryAfter) || retryPermanentFailures))
            {
                var delay = BackoffSchedule.Delay(attempt, _jitter(), _options, retryAfter);
                _logger.LogWarning(
                    "Failure in {Operation} ({ExceptionType}: {ExceptionMessage}); attempt {Attempt}, retrying in {DelayMs} ms until it succeeds or the invocation is cancelled",
                    operation, ex.GetType().Name, ex.Message, attempt, (long)delay.TotalMilliseconds);
                _metrics.StoreRetried(operation);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // No backoff configured (tests): still yield, so a caller's cancellation can be observed.
                    await Task.Yield();
                }
            }
        }
    }
}
