using System.Diagnostics;
using System.Globalization;
using Longview.Core.Lifecycle;
using Longview.Core.Retention;

namespace Longview.Benchmarks.Retention;

/// <summary>
/// <c>./dev bench retention [--users N] [--days D] [--seed S] [--pandas 0|1]</c>: simulated users with months of
/// activity, then the daily and monthly cohort tables in one streaming pass on one thread; prints time and memory.
/// The users are generated before the clock starts, so the time is the retention maths alone. With pandas present
/// (Debian's /usr/bin/python3) the same tables are computed by tests/retention/bench_pandas.py on the same users,
/// timed the same way (loading excluded), and compared cell for cell.
/// </summary>
public static class RetentionBench
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (PopulationBenchOptions.Parse(args, "retention") is not { } bench)
        {
            return 2;
        }
        var (users, days, seed, pandas) = (bench.Users, bench.Days, bench.Seed, bench.Pandas);
        var (start, asOf) = (bench.Start, bench.AsOf);
        var generated = Stopwatch.StartNew();
        var population = SimulatedActivity.Generate(users, start, days, seed);
        generated.Stop();
        var activeDays = population.Sum(u => (long)u.ActiveDays.Count);
        Console.WriteLine($"retention bench: {users:N0} users, {activeDays:N0} active user-days over {days} days " +
                          $"({start:yyyy-MM-dd}..{asOf:yyyy-MM-dd}), generated in {generated.Elapsed.TotalSeconds:F2} s");

        var options = new RetentionOptions();
        // Warm-up on a small slice so that JIT time is not in the measurement.
        Tables(options, population.AsSpan(0, Math.Min(10_000, users)), start, asOf);

        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var (daily, monthly) = Tables(options, population, start, asOf);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"daily + monthly tables: {seconds:F3} s " +
                          $"({users / seconds / 1e6:F2} M users/s), {daily.Count:N0} daily rows, {monthly.Count:N0} monthly rows, " +
                          $"{allocated / 1024.0 / 1024.0:F1} MiB allocated by the computation (target: < 2 s)");
        var exit = 0;
        if (pandas)
        {
            exit = PandasBaseline.Compare(population, start, asOf, daily, monthly, seconds);
        }

        clock.Restart();
        var activity = new ActivitySeries(options, start, asOf);
        var tally = new SegmentTally(new LifecycleClassifier(options.Lifecycle), asOf);
        var score = new RecencyFrequencyChurnScore(options.Lifecycle);
        foreach (var user in population)
        {
            activity.Add(user);
            tally.Add(user, score.Score(user, asOf));
        }
        var activityRows = activity.Rows().Count;
        clock.Stop();
        Console.WriteLine($"activity series + segments (+ churn score): {clock.Elapsed.TotalSeconds:F3} s, {activityRows} days, {tally.Counts()}");

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set of the process: {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB " +
                          $"(includes the generated population held in memory for the run)");
        return exit;
    }

    private static (IReadOnlyList<DailyCohortRow> Daily, IReadOnlyList<MonthlyCohortRow> Monthly) Tables(RetentionOptions options, ReadOnlySpan<UserActivity> users, DateOnly from, DateOnly asOf)
    {
        var daily = new DailyRetention(options, from, asOf, asOf);
        var monthly = new MonthlyRetention(options, from, asOf, asOf);
        foreach (var user in users)
        {
            daily.Add(user);
            monthly.Add(user);
        }
        return (daily.Rows(), monthly.Rows());
    }
}
