using Longview.Core.Workflows;

namespace Longview.Core.Tests.Training;

public sealed class InProcessWorkflowContextTests
{
    private sealed class Doubler : IWorkflowStep<int, int>
    {
        public string Name => "double";

        public Task<int> RunAsync(int input, CancellationToken cancellationToken) => Task.FromResult(input * 2);
    }

    /// <summary>Fails its first <c>failures</c> runs, then doubles.</summary>
    private sealed class Flaky(int failures) : IWorkflowStep<int, int>
    {
        public int Runs;

        public string Name => "flaky";

        public Task<int> RunAsync(int input, CancellationToken cancellationToken) =>
            ++Runs <= failures ? throw new IOException($"transient failure {Runs}") : Task.FromResult(input * 2);
    }

    [Fact]
    public async Task A_step_retry_runs_the_step_again_after_the_backoff_delays_and_gives_up_after_max_attempts()
    {
        var retry = new StepRetry { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(5), BackoffCoefficient = 2, MaxDelay = TimeSpan.FromMinutes(1) };
        var time = new SteppingTimeProvider(PipelineHarness.Start);
        var twice = new Flaky(failures: 2);

        Assert.Equal(42, await new InProcessWorkflowContext([twice], time).CallAsync<int, int>("flaky", 21, retry));
        Assert.Equal(3, twice.Runs);
        Assert.Equal(PipelineHarness.Start + TimeSpan.FromSeconds(5 + 10), time.GetUtcNow());

        var thrice = new Flaky(failures: 3);
        var error = await Assert.ThrowsAsync<IOException>(() => new InProcessWorkflowContext([thrice], time).CallAsync<int, int>("flaky", 21, retry));
        Assert.Equal("transient failure 3", error.Message);
        Assert.Equal(3, thrice.Runs);

        var once = new Flaky(failures: 1);
        await Assert.ThrowsAsync<IOException>(() => new InProcessWorkflowContext([once], time).CallAsync<int, int>("flaky", 21));
        Assert.Equal(1, once.Runs);
    }

    [Fact]
    public async Task Calls_the_named_step()
    {
        var context = new InProcessWorkflowContext([new Doubler()], TimeProvider.System);

        Assert.Equal(42, await context.CallAsync<int, int>("double", 21));
    }

    [Fact]
    public async Task An_unknown_step_or_wrong_types_fail_with_the_step_named()
    {
        var context = new InProcessWorkflowContext([new Doubler()], TimeProvider.System);

        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => context.CallAsync<int, int>("triple", 1));
        var mismatch = await Assert.ThrowsAsync<InvalidOperationException>(() => context.CallAsync<string, int>("double", "x"));

        Assert.Contains("'triple'", unknown.Message);
        Assert.Contains("'double' does not take String", mismatch.Message);
    }

    [Fact]
    public void Two_steps_with_one_name_are_refused() =>
        Assert.Contains("'double'", Assert.Throws<ArgumentException>(() => new InProcessWorkflowContext([new Doubler(), new Doubler()], TimeProvider.System)).Message);

    [Fact]
    public async Task Timers_wait_on_the_injected_clock_and_cancellation_stops_the_workflow()
    {
        var time = new SteppingTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var cancel = new CancellationTokenSource();
        var context = new InProcessWorkflowContext([new Doubler()], time, cancel.Token);

        await context.WaitUntilAsync(context.UtcNow.AddHours(2));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero), context.UtcNow);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.CallAsync<int, int>("double", 1));
    }
}
