using Longview.Core.Retention;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// The return-day distribution calibration matches: the share of users active on exactly day N after their first day,
/// N = 1..<see cref="Days"/>, pooled over cohorts by the product's <see cref="DailyRetention"/>.
/// </summary>
public sealed record ReturnDistribution(IReadOnlyList<double> ExactDayRates)
{
    public const int Days = 30;

    /// <summary>Floor added to the real rate in the distance's denominator, so days nobody returns on do not dominate.</summary>
    public const double DistanceFloor = 0.005;

    /// <summary>Expected active days in days 1..30 after the first (the sum of the exact-day rates).</summary>
    public double ActiveDaysAfterFirst => ExactDayRates.Sum();

    public static IReadOnlyList<int> DayNumbers { get; } = [.. Enumerable.Range(1, Days)];

    /// <summary>From raw activity (a real dataset): every cohort from the first first-seen day, as of the last active day.</summary>
    public static ReturnDistribution FromActivities(IReadOnlyList<UserActivity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Count == 0)
        {
            throw new ArgumentException("activities: no users", nameof(activities));
        }
        var from = activities.Min(a => a.FirstSeenDay);
        var asOf = activities.Max(a => a.LastSeenDay);
        var retention = new DailyRetention(new RetentionOptions { Days = [.. DayNumbers] }, from, asOf, asOf);
        foreach (var activity in activities)
        {
            retention.Add(activity);
        }
        return FromRows(retention.Rows());
    }

    public static ReturnDistribution FromRows(IEnumerable<DailyCohortRow> rows)
    {
        var list = rows as IReadOnlyList<DailyCohortRow> ?? [.. rows];
        return new ReturnDistribution([.. DayNumbers.Select(d => PooledRetention.Rate(list, d) ?? 0)]);
    }

    /// <summary>
    /// Chi-square-like distance: sum over N of (simulated - real)^2 / (real + floor). Rates near D1 (large) and the
    /// long tail (small) both count, each relative to its own size.
    /// </summary>
    public double DistanceTo(ReturnDistribution real)
    {
        ArgumentNullException.ThrowIfNull(real);
        var sum = 0.0;
        for (var i = 0; i < Days; i++)
        {
            var diff = ExactDayRates[i] - real.ExactDayRates[i];
            sum += diff * diff / (real.ExactDayRates[i] + DistanceFloor);
        }
        return sum;
    }
}
