using Longview.Core.Retention;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// One number per N from a daily cohort table: retained users over cohort users, summed over the cohorts whose day N
/// has elapsed (the cohort-size-weighted mean of the table's rates, as analytics tools show for "all cohorts").
/// </summary>
public static class PooledRetention
{
    /// <returns>Null when no cohort has reached day <paramref name="day"/> (or the table has no such column).</returns>
    public static double? Rate(IEnumerable<DailyCohortRow> rows, int day, bool unbounded = false)
    {
        long users = 0, retained = 0;
        foreach (var row in rows)
        {
            if (row.Day != day || row.Retained is not { } exact || row.RetainedOrLater is not { } later)
            {
                continue;
            }
            users += row.CohortSize;
            retained += unbounded ? later : exact;
        }
        return users == 0 ? null : (double)retained / users;
    }
}
