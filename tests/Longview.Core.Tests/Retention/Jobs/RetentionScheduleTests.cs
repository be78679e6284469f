using Longview.Core.Retention.Jobs;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionScheduleTests
{
    private static readonly RetentionSchedule Schedule = new(Options.Create(new RetentionScheduleOptions()));

    [Theory]
    [InlineData("2024-03-01T00:14:59+00:00", "2024-03-01T00:15:00+00:00")]
    [InlineData("2024-03-01T00:15:00+00:00", "2024-03-02T00:15:00+00:00")]
    [InlineData("2024-02-29T23:00:00-02:00", "2024-03-02T00:15:00+00:00")] // 01:00Z on 03-01: after that day's run
    public void The_next_run_is_the_first_run_minute_strictly_after_now(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Schedule.NextRun(DateTimeOffset.Parse(now)));

    [Fact]
    public void The_schedule_setting_moves_the_runs_and_a_bad_one_names_the_setting()
    {
        var hourly = new RetentionSchedule(Options.Create(new RetentionScheduleOptions { Schedule = "0 30 */6 * * *" }));
        Assert.Equal(DateTimeOffset.Parse("2024-03-01T06:30:00+00:00"), hourly.NextRun(DateTimeOffset.Parse("2024-03-01T00:30:00+00:00")));

        var fiveFields = new RetentionSchedule(Options.Create(new RetentionScheduleOptions { Schedule = "15 0 * * *" }));
        var error = Assert.Throws<FormatException>(() => fiveFields.NextRun(DateTimeOffset.Parse("2024-03-01T00:00:00+00:00")));
        Assert.Contains("Longview:Retention:Schedule", error.Message, StringComparison.Ordinal);
        Assert.Contains("5 fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_is_as_of_the_day_before_and_the_run_on_the_first_closes_the_month()
    {
        var run = new DateTimeOffset(2024, 3, 1, 0, 15, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2024, 2, 29), RetentionSchedule.AsOfFor(run));
        Assert.True(RetentionSchedule.IsMonthlyRun(run));
        Assert.False(RetentionSchedule.IsMonthlyRun(run.AddDays(1)));
    }
}
