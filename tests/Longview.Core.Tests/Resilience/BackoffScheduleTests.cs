using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Resilience;

namespace Longview.Core.Tests.Resilience;

public sealed class BackoffScheduleTests
{
    private static readonly TransientRetryOptions Options = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(10),
    };

    [Theory]
    [InlineData(1, 0.0, 100)]
    [InlineData(1, 0.5, 150)]
    [InlineData(2, 0.0, 200)]
    [InlineData(3, 0.0, 400)]
    [InlineData(4, 0.999, 1599)]
    [InlineData(7, 0.0, 5_000)]
    [InlineData(8, 0.0, 5_000)]
    [InlineData(9, 0.0, 5_000)]
    [InlineData(60, 0.0, 5_000)]
    public void Delay_doubles_per_retry_inside_the_upper_half_of_the_step_and_stops_at_the_cap(int retry, double jitter, int expectedMs)
    {
        var delay = BackoffSchedule.Delay(retry, jitter, Options);

        Assert.Equal(expectedMs, (int)delay.TotalMilliseconds);
    }

    [Fact]
    public void A_longer_retry_after_hint_wins_but_never_beyond_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), BackoffSchedule.Delay(1, 0, Options, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), BackoffSchedule.Delay(1, 0, Options, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(Options.MaxDelay, BackoffSchedule.Delay(1, 0, Options, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    [InlineData(1, double.NaN)]
    public void Out_of_range_arguments_are_refused(int retry, double jitter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSchedule.Delay(retry, jitter, Options));
    }

    [Property]
    public Property Delay_is_within_bounds_and_never_shrinks_from_one_retry_to_the_next(PositiveInt retry, NormalFloat unit)
    {
        var jitter = Math.Abs(unit.Get) % 1.0;
        var r = Math.Min(retry.Get, 200);
        var current = BackoffSchedule.Delay(r, jitter, Options);
        var next = BackoffSchedule.Delay(r + 1, jitter, Options);
        return (current > TimeSpan.Zero && current <= Options.MaxDelay && next >= current)
            .Label($"retry {r}, jitter {jitter}: {current} then {next}");
    }
}
