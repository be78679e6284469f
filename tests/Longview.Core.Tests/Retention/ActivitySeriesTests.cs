using Longview.Core.Retention;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class ActivitySeriesTests
{
    private static IReadOnlyList<ActivityRow> Series(string from, string to, params UserActivity[] users)
    {
        var series = new ActivitySeries(new RetentionOptions(), D(from), D(to));
        foreach (var user in users)
        {
            series.Add(user);
        }
        return series.Rows();
    }

    [Fact]
    public void Counts_daily_weekly_and_monthly_distinct_users_with_rolling_windows()
    {
        var rows = Series("2024-01-01", "2024-01-10",
            User("a", "2024-01-01", "2024-01-09"),
            User("b", "2023-12-20")); // only its 30-day window reaches into January

        Assert.Equal(new ActivityRow(D("2024-01-01"), 1, 1, 2, 0.5), rows[0]);
        Assert.Equal(new ActivityRow(D("2024-01-07"), 0, 1, 2, 0.0), rows[6]);
        Assert.Equal(new ActivityRow(D("2024-01-08"), 0, 0, 2, 0.0), rows[7]);
        Assert.Equal(new ActivityRow(D("2024-01-09"), 1, 1, 2, 0.5), rows[8]);
        Assert.Equal(10, rows.Count);
    }

    [Fact]
    public void The_monthly_window_is_thirty_days_ending_on_the_day()
    {
        var rows = Series("2024-01-29", "2024-01-31", User("a", "2024-01-01"));

        Assert.Equal([1L, 1L, 0L], rows.Select(r => r.Mau));
    }

    [Fact]
    public void Stickiness_is_null_when_nobody_was_active_in_the_month()
    {
        var rows = Series("2024-03-01", "2024-03-02", User("a", "2024-01-01"));

        Assert.All(rows, r => Assert.Null(r.Stickiness));
        Assert.All(rows, r => Assert.Equal(0, r.Mau));
    }
}
