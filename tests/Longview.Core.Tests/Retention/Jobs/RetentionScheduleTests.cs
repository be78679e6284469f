using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionScheduleTests
{
    private static readonly RetentionSchedule Schedule = new(new RetentionJobOptions { RunMinutesAfterMidnight = 15 });

    [Theory]
    [InlineData("2024-03-01T00:14:59+00:00", "2024-03-01T00:15:00+00:00")]
    [InlineData("2024-03-01T00:15:00+00:00", "2024-03-02T00:15:00+00:00")]
    [InlineData("2024-02-29T23:00:00-02:00", "2024-03-02T00:15:00+00:00")] // 01:00Z on 03-01: after that day's run
    public void The_next_run_is_the_first_run_minute_strictly_after_now(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Schedule.NextRun(DateTimeOffset.Parse(now)));

    [Fact]
    public void A_run_is_as_of_the_day_before_and_the_run_on_the_first_closes_the_month()
    {
        var run = new DateTimeOffset(2024, 3, 1, 0, 15, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2024, 2, 29), RetentionSchedule.AsOfFor(run));
        Assert.True(RetentionSchedule.IsMonthlyRun(run));
        Assert.False(RetentionSchedule.IsMonthlyRun(run.AddDays(1)));
    }
}
