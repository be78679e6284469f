using Longview.Core.Retention.Jobs;
using Longview.Core.Workflows;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionWorkflowTests
{
    [Fact]
    public async Task The_workflow_runs_one_step_per_day_in_order_and_stores_each_day()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-02-01", "2024-02-02");
        var context = new InProcessWorkflowContext([new RetentionRunDayStep(fixture.Job)], fixture.Clock);

        var results = await RetentionWorkflow.RunAsync(context, new RetentionRunRange("2024-02-03", "2024-02-05", fixture.JobOptions.MaxBackfillDays, fixture.JobOptions.DayRetry));

        Assert.Equal(["2024-02-03", "2024-02-04", "2024-02-05"], results.Select(r => r.AsOf));
        Assert.All(results, r => Assert.Equal(1, r.UsersScanned));
        Assert.Equal(12, fixture.Reports.Reports.Count);
    }

    [Fact]
    public async Task A_malformed_or_reversed_range_fails_before_any_step_runs()
    {
        var fixture = new JobFixture();
        var context = new InProcessWorkflowContext([new RetentionRunDayStep(fixture.Job)], fixture.Clock);
        var malformed = await Assert.ThrowsAsync<ArgumentException>(() => RetentionWorkflow.RunAsync(context, new RetentionRunRange("2024-02-30", "2024-03-01", fixture.JobOptions.MaxBackfillDays, fixture.JobOptions.DayRetry)));
        Assert.Contains("From: '2024-02-30'", malformed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => RetentionWorkflow.RunAsync(context, new RetentionRunRange("2024-03-02", "2024-03-01", fixture.JobOptions.MaxBackfillDays, fixture.JobOptions.DayRetry)));
        Assert.Empty(fixture.Reports.Reports);
    }
}
