using System.Diagnostics;
using System.Globalization;
using Longview.Core.Lifecycle;
using Longview.Core.Retention;

namespace Longview.Benchmarks.Retention;

/// <summary>
/// <c>./dev bench retention [--users N] [--days D] [--seed S]</c>: simulated users with months of activity, then the
/// daily and monthly cohort tables in one streaming pass on one thread; prints time and memory. The users are
/// generated before the clock starts, so the time is the retention maths alone.
/// </summary>
public static class RetentionBench
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var users = 1_000_000;
        var days = 180;
        var seed = 42;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--users": users = value; break;
                case "--days": days = value; break;
                case "--seed": seed = value; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: retention [--users N] [--days D] [--seed S]");
                    return 2;
            }
        }

        var start = new DateOnly(2024, 1, 1);
        var asOf = start.AddDays(days - 1);
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
        var (dailyRows, monthlyRows) = Tables(options, population, start, asOf);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine($"daily + monthly tables: {clock.Elapsed.TotalSeconds:F3} s " +
                          $"({users / clock.Elapsed.TotalSeconds / 1e6:F2} M users/s), {dailyRows:N0} daily rows, {monthlyRows:N0} monthly rows, " +
                          $"{allocated / 1024.0 / 1024.0:F1} MiB allocated by the computation (target: < 2 s)");

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
        return 0;
    }

    private static (int Daily, int Monthly) Tables(RetentionOptions options, ReadOnlySpan<UserActivity> users, DateOnly from, DateOnly asOf)
    {
        var daily = new DailyRetention(options, from, asOf, asOf);
        var monthly = new MonthlyRetention(options, from, asOf, asOf);
        foreach (var user in users)
        {
            daily.Add(user);
            monthly.Add(user);
        }
        return (daily.Rows().Count, monthly.Rows().Count);
    }
}
