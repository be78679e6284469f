using System.Collections.Concurrent;
using System.Diagnostics;
using Longview.Core.Telemetry;
using Longview.Core.Workflows;

namespace Longview.Core.Tests.Workflows;

public sealed class StepSpansTests
{
    private sealed class Step(string name, bool fails) : IWorkflowStep<int, int>
    {
        public string Name => name;

        public Task<int> RunAsync(int input, CancellationToken cancellationToken) =>
            fails ? throw new InvalidOperationException("user u-42 broke it") : Task.FromResult(input + 1);
    }

    [Fact]
    public async Task Each_step_of_a_workflow_runs_in_a_span_named_by_the_step_and_a_failing_one_is_marked_with_the_error_type_only()
    {
        // The listener hears the process-wide source: this test's spans are told apart by its own step names.
        var ok = "spans-ok-" + Guid.NewGuid().ToString("N");
        var bad = "spans-bad-" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LongviewTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var context = new InProcessWorkflowContext([new Step(ok, fails: false), new Step(bad, fails: true)], TimeProvider.System);

        Assert.Equal(2, await context.CallAsync<int, int>(ok, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.CallAsync<int, int>(bad, 1, new StepRetry { MaxAttempts = 2, FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }));

        var succeeded = Assert.Single(spans, s => (string?)s.GetTagItem(TelemetryTags.Step) == ok);
        Assert.Equal(StepSpans.SpanName, succeeded.OperationName);
        Assert.Equal(ActivityStatusCode.Unset, succeeded.Status);
        var failed = spans.Where(s => (string?)s.GetTagItem(TelemetryTags.Step) == bad).ToList();
        Assert.Equal(2, failed.Count); // one span per attempt
        Assert.All(failed, s => Assert.Equal((ActivityStatusCode.Error, "InvalidOperationException"), (s.Status, s.StatusDescription)));
    }
}
