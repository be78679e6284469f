namespace Longview.Core.Retention;

/// <summary>
/// Daily cohorts pooled into one curve: for each day N, retained users over the users of the cohorts whose day N has
/// elapsed (the cohort-size-weighted mean of the table's rates, what analytics tools show for "all cohorts"). The
/// retention page draws it; the simulator reports it.
/// </summary>
public static class PooledRetention
{
    /// <summary>One point of the pooled curve: cohort users that reached day N, and how many came back on exactly day N or on day N or later.</summary>
    public readonly record struct Point(int Day, long Users, long Retained, long RetainedOrLater);

    /// <summary>The pooled curve, day N ascending; days no cohort has reached are left out.</summary>
    public static IReadOnlyList<Point> Curve(IEnumerable<DailyCohortRow> rows) =>
        [.. rows.Where(r => r.Retained is not null && r.RetainedOrLater is not null)
            .GroupBy(r => r.Day)
            .OrderBy(g => g.Key)
            .Select(g => new Point(g.Key, g.Sum(r => r.CohortSize), g.Sum(r => r.Retained!.Value), g.Sum(r => r.RetainedOrLater!.Value)))];

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
