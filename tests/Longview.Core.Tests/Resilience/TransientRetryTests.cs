using Longview.Core.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Resilience;

public sealed class TransientRetryTests
{
    private sealed class TransientException(TimeSpan? retryAfter = null) : Exception("throttled")
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }

    private sealed class PermanentException() : Exception("bad request");

    private sealed class ClassifierByType : ITransientFailureClassifier
    {
        public bool IsTransient(Exception exception, out TimeSpan? retryAfter)
        {
            retryAfter = (exception as TransientException)?.RetryAfter;
            return exception is TransientException;
        }
    }

    private static TransientRetry Create(RecordingTimeProvider time, int maxAttempts = 4) =>
        new(
            Options.Create(new TransientRetryOptions
            {
                MaxAttempts = maxAttempts,
                InitialDelay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
            }),
            new ClassifierByType(),
            time,
            NullLogger<TransientRetry>.Instance,
            jitter: () => 0.0);

    [Fact]
    public async Task Transient_failures_are_retried_with_growing_waits_until_the_call_succeeds()
    {
        var time = new RecordingTimeProvider();
        var retry = Create(time);
        var calls = 0;

        var result = await retry.ExecuteAsync("write", _ =>
        {
            calls++;
            return calls < 3 ? throw new TransientException() : Task.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.Equal(3, calls);
        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)], time.Waits);
    }

    [Fact]
    public async Task The_last_transient_failure_propagates_once_the_attempts_are_spent()
    {
        var time = new RecordingTimeProvider();
        var retry = Create(time, maxAttempts: 3);
        var calls = 0;

        await Assert.ThrowsAsync<TransientException>(() => retry.ExecuteAsync<int>("write", _ =>
        {
            calls++;
            throw new TransientException();
        }));

        Assert.Equal(3, calls);
        Assert.Equal(2, time.Waits.Count);
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        var time = new RecordingTimeProvider();
        var retry = Create(time);
        var calls = 0;

        await Assert.ThrowsAsync<PermanentException>(() => retry.ExecuteAsync<int>("write", _ =>
        {
            calls++;
            throw new PermanentException();
        }));

        Assert.Equal(1, calls);
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task The_service_retry_after_hint_sets_the_wait_when_longer_than_the_backoff()
    {
        var time = new RecordingTimeProvider();
        var retry = Create(time);
        var calls = 0;

        await retry.ExecuteAsync("write", _ =>
        {
            calls++;
            return calls == 1 ? throw new TransientException(TimeSpan.FromSeconds(1)) : Task.FromResult(true);
        });

        Assert.Equal([TimeSpan.FromSeconds(1)], time.Waits);
    }

    [Fact]
    public async Task Cancellation_stops_retrying()
    {
        var time = new RecordingTimeProvider();
        var retry = Create(time);
        using var cts = new CancellationTokenSource();
        var calls = 0;

        await Assert.ThrowsAsync<TransientException>(() => retry.ExecuteAsync<int>("write", _ =>
        {
            calls++;
            cts.Cancel();
            throw new TransientException();
        }, cts.Token));

        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Attempt_counts_outside_the_bound_are_refused(int maxAttempts)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(new RecordingTimeProvider(), maxAttempts));
    }
    [Fact]
    public async Task Until_cancelled_transient_failures_are_retried_past_the_attempt_cap_with_capped_waits()
    {
        var time = new RecordingTimeProvider();
        var retry = Create(time, maxAttempts: 2);
        var calls = 0;

        var result = await retry.ExecuteUntilCancelledAsync("write", _ =>
        {
            calls++;
            return calls < 10 ? throw new TransientException() : Task.FromResult(7);
        }, retryPermanentFailures: false, CancellationToken.None);

        Assert.Equal((7, 10), (result, calls));
        Assert.Equal(9, time.Waits.Count);
        Assert.All(time.Waits, w => Assert.True(w <= TimeSpan.FromSeconds(2), w.ToString()));
    }

    [Fact]
    public async Task Until_cancelled_a_permanent_failure_propagates_unless_permanent_failures_are_retried_too()
    {
        var retry = Create(new RecordingTimeProvider());
        var calls = 0;
        Task<int> FailTwiceThenSucceed(CancellationToken _) => ++calls <= 2 ? throw new PermanentException() : Task.FromResult(1);

        await Assert.ThrowsAsync<PermanentException>(() => retry.ExecuteUntilCancelledAsync("write", FailTwiceThenSucceed, retryPermanentFailures: false, CancellationToken.None));
        calls = 0;
        Assert.Equal(1, await retry.ExecuteUntilCancelledAsync("write", FailTwiceThenSucceed, retryPermanentFailures: true, CancellationToken.None));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Until_cancelled_stops_retrying_once_the_token_is_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var retry = Create(new RecordingTimeProvider());
        var calls = 0;

        await Assert.ThrowsAsync<TransientException>(() => retry.ExecuteUntilCancelledAsync<int>("write", _ =>
        {
            if (++calls == 5)
            {
                cancel.Cancel();
            }
            throw new TransientException();
        }, retryPermanentFailures: true, cancel.Token));

        Assert.Equal(5, calls);
    }
}
