using Longview.Core.Retention;

namespace Longview.Core.Tests.Retention;

public sealed class PooledRetentionTests
{
    private static readonly DateOnly D0 = new(2026, 1, 1);

    // Two cohorts (10 and 30 users); the younger one has not reached day 7 yet (null cells).
    private static readonly DailyCohortRow[] Rows =
    [
        new(D0, 1, 10, 5, 8, 0.5, 0.8),
        new(D0, 7, 10, 2, 3, 0.2, 0.3),
        new(D0.AddDays(5), 1, 30, 3, 9, 0.1, 0.3),
        new(D0.AddDays(5), 7, 30, null, null, null, null),
    ];

    [Fact]
    public void Pools_only_the_cohorts_that_reached_each_day_weighted_by_their_size()
    {
        var curve = PooledRetention.Curve(Rows);

        Assert.Equal([new PooledRetention.Point(1, 40, 8, 17), new PooledRetention.Point(7, 10, 2, 3)], curve);
        Assert.Equal(8 / 40.0, PooledRetention.Rate(Rows, 1));
        Assert.Equal(17 / 40.0, PooledRetention.Rate(Rows, 1, unbounded: true));
        Assert.Equal(0.2, PooledRetention.Rate(Rows, 7));
        Assert.Null(PooledRetention.Rate(Rows, 30));
    }
}
