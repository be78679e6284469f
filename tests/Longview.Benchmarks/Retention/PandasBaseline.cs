using System.Diagnostics;
using System.Globalization;
using Longview.Core.Retention;

namespace Longview.Benchmarks.Retention;

/// <summary>Runs tests/retention/bench_pandas.py over the same users and compares its tables and time with ours.</summary>
internal static class PandasBaseline
{
    public const string Python = "/usr/bin/python3";

    public static int Compare(UserActivity[] population, DateOnly start, DateOnly asOf,
        IReadOnlyList<DailyCohortRow> daily, IReadOnlyList<MonthlyCohortRow> monthly, double longviewSeconds)
    {
        var dir = Directory.CreateTempSubdirectory("longview-retention-bench-").FullName;
        try
        {
            var input = Path.Combine(dir, "activity.csv");
            using (var writer = new StreamWriter(input))
            {
                writer.Write("user,day\n");
                for (var u = 0; u < population.Length; u++)
                {
                    foreach (var day in population[u].ActiveDays)
                    {
                        writer.Write(u.ToString(CultureInfo.InvariantCulture));
                        writer.Write(',');
                        writer.Write((day.DayNumber - start.DayNumber).ToString(CultureInfo.InvariantCulture));
                        writer.Write('\n');
                    }
                }
            }

            var script = Path.Combine(RepositoryRoot(), "tests", "retention", "bench_pandas.py");
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { script, "--input", input, "--start", Iso(start), "--as-of", Iso(asOf), "--out-dir", dir })
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["OPENBLAS_NUM_THREADS"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"pandas baseline failed ({process.ExitCode}): {stderr.Result}");
                return 1;
            }
            var values = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
            var pandasSeconds = values["pandas_seconds"];

            var dailySame = File.ReadLines(Path.Combine(dir, "daily.csv")).Skip(1)
                .SequenceEqual(daily.Select(r => Counts(r.Cohort, r.Day, r.CohortSize, r.Retained, r.RetainedOrLater)));
            var monthlySame = File.ReadLines(Path.Combine(dir, "monthly.csv")).Skip(1)
                .SequenceEqual(monthly.Select(r => Counts(r.CohortMonth, r.Month, r.CohortSize, r.Retained, r.RetainedOrLater)));
            Console.WriteLine($"pandas (same users, same tables, load excluded: {values["pandas_load_seconds"]:F3} s to load): {pandasSeconds:F3} s; " +
                              $"Longview is {pandasSeconds / longviewSeconds:F1}x faster (target: >= 5x); " +
                              $"tables equal: daily {dailySame}, monthly {monthlySame}");
            return dailySame && monthlySame ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Counts(DateOnly cohort, int n, long size, long? retained, long? later) =>
        string.Join(',', Iso(cohort), n, size, retained?.ToString(CultureInfo.InvariantCulture) ?? "", later?.ToString(CultureInfo.InvariantCulture) ?? "");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run from inside the repository (no Serverless.sln above the current directory)");
    }
}
