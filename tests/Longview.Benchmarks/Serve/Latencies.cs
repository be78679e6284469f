using System.Diagnostics;

namespace Longview.Benchmarks.Serve;

/// <summary>Stopwatch-tick samples and their percentiles in milliseconds.</summary>
internal static class Latencies
{
    public static double Percentile(long[] ticks, double p)
    {
        if (ticks.Length == 0)
        {
            return double.NaN;
        }
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        var index = (int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
