using Longview.Core.Workflows;

namespace Longview.Core.Tests.Training;

public sealed class InProcessWorkflowContextTests
{
    private sealed class Doubler : IWorkflowStep<int, int>
    {
        public string Name => "double";

        public Task<int> RunAsync(int input, CancellationToken cancellationToken) => Task.FromResult(input * 2);
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
