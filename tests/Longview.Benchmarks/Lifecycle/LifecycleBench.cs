using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Longview.Benchmarks.Retention;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Reports;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serialization;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Benchmarks.Lifecycle;

/// <summary>
/// <c>./dev bench lifecycle [--users N] [--days D] [--seed S] [--pandas 0|1]</c>: the daily lifecycle job over N simulated
/// users (the retention bench's population, as profiles held in memory) with its member lists and reports on a real
/// folder blob store and SQLite reports store; prints time, allocation and peak memory. With Debian's python3 the same
/// tables are computed by tests/lifecycle/bench_lifecycle.py (pandas, statsmodels' Kaplan–Meier, scipy's BG/NBD fit on
/// the same sample) and compared: stage counts, survival per cohort at every step, BG/NBD parameters, expected active
/// days per cohort.
/// </summary>
public static class LifecycleBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (PopulationBenchOptions.Parse(args, "lifecycle") is not { } bench)
        {
            return 2;
        }
        var (users, days, seed, pandas) = (bench.Users, bench.Days, bench.Seed, bench.Pandas);
        var (start, asOf) = (bench.Start, bench.AsOf);
        var population = SimulatedActivity.Generate(users, start, days, seed);
        var profiles = population.Select(Profile).ToArray();
        Console.WriteLine($"lifecycle bench: {users:N0} users over {days} days ({start:yyyy-MM-dd}..{asOf:yyyy-MM-dd}), as of {asOf:yyyy-MM-dd}");

        var folder = Directory.CreateTempSubdirectory("longview-lifecycle-bench-").FullName;
        try
        {
            var embedded = Options.Create(new EmbeddedStoreOptions { DataFolder = folder });
            using var blobs = new FolderBlobStore(embedded, NullLogger<FolderBlobStore>.Instance);
            using var reports = new SqliteRetentionReportStore(embedded);
            var options = new LifecycleJobOptions();
            var job = new LifecycleJob(new ScannedProfiles(profiles), blobs, reports, new RetentionOptions(), new RetentionJobOptions(), options, Options.Create(new ProfileLimits()), TimeProvider.System, NullLogger<LifecycleJob>.Instance);
            // Warm-up on a small store so JIT is not measured.
            Console.WriteLine("warm-up...");
            await new LifecycleJob(new ScannedProfiles(profiles[..Math.Min(5_000, users)]), blobs, reports, new RetentionOptions(), new RetentionJobOptions(), options, Options.Create(new ProfileLimits()), TimeProvider.System, NullLogger<LifecycleJob>.Instance).RunAsync(asOf.AddDays(-1));

            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var summary = await job.RunAsync(asOf);
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var seconds = clock.Elapsed.TotalSeconds;
            var listBytes = Directory.EnumerateFiles(Path.Combine(folder), "*", SearchOption.AllDirectories).Where(f => f.Contains(LifecycleBlobs.Day(asOf), StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"lifecycle job: {seconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU ({users / seconds / 1e3:F0} k users/s), {summary.UsersScored:N0} scored, " +
                              $"{summary.AtRiskMembers:N0} at risk, risk from {summary.ChurnRiskSource}, value in {summary.ValueBasis}; " +
                              $"{allocated / 1024.0 / 1024.0:F0} MiB allocated, {listBytes / 1024.0 / 1024.0:F0} MiB of lists and reports written");
            Console.WriteLine($"passes: sample {summary.SampleSeconds:F2} s, fit {summary.FitSeconds:F2} s, score {summary.ScoreSeconds:F2} s, lists + reports {summary.ListSeconds:F2} s");
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"peak working set of the process: {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB (includes the {users:N0} profiles held in memory for the run)");
            if (!pandas)
            {
                return 0;
            }
            return await ComparePandasAsync(profiles, start, asOf, options, blobs, reports, seconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static UserProfile Profile(UserActivity activity)
    {
        var profile = new UserProfile { UserId = activity.UserId };
        foreach (var day in activity.ActiveDays)
        {
            profile.ActiveDays.Add(day);
        }
        profile.FirstSeen = activity.FirstSeenDay.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        profile.LastSeen = activity.LastSeenDay.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        return profile;
    }

    private static async Task<int> ComparePandasAsync(UserProfile[] profiles, DateOnly start, DateOnly asOf, LifecycleJobOptions options,
        FolderBlobStore blobs, SqliteRetentionReportStore reports, double longviewSeconds)
    {
        var dir = Directory.CreateTempSubdirectory("longview-lifecycle-pandas-").FullName;
        try
        {
            var sampled = profiles.Select(p => LifecycleFitting.SampleKey(p.UserId)).Order().Take(options.FitSampleUsers).ToHashSet();
            var input = Path.Combine(dir, "users.csv");
            await using (var writer = new StreamWriter(input))
            {
                await writer.WriteAsync("sampled,first,last,active_days\n");
                foreach (var p in profiles)
                {
                    var first = p.ActiveDays.First!.Value.DayNumber - start.DayNumber;
                    var last = p.ActiveDays.Last!.Value.DayNumber - start.DayNumber;
                    await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{(sampled.Contains(LifecycleFitting.SampleKey(p.UserId)) ? 1 : 0)},{first},{last},{p.ActiveDays.Count}\n"));
                }
            }
            var info = new ProcessStartInfo(PandasBaseline.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(PandasBaseline.RepositoryRoot(), "tests", "lifecycle", "bench_lifecycle.py"), "--input", input,
                         "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--as-of", (asOf.DayNumber - start.DayNumber).ToString(CultureInfo.InvariantCulture),
                         "--horizon-days", options.HorizonDays.ToString(CultureInfo.InvariantCulture), "--out-dir", dir })
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["OPENBLAS_NUM_THREADS"] = "1";
            using var python = Process.Start(info)!;
            var stdout = python.StandardOutput.ReadToEndAsync();
            var stderr = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            if (python.ExitCode != 0)
            {
                Console.WriteLine($"pandas peer failed ({python.ExitCode}): {await stderr}");
                return 1;
            }
            var values = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

            var model = JsonSerializer.Deserialize<LifecycleModel>((await blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Model(asOf)))!.Content.Span, LongviewJson.Options)!;
            var segmentRows = Rows<SegmentValueRow>(await reports.GetAsync(ReportKind.SegmentValue, asOf));
            var stagesEqual = new[] { "new", "dormant", "churned" }.All(s => (segmentRows.FirstOrDefault(r => r.Segment == s)?.Users ?? 0) == (long)values[s]);
            var survival = Rows<SurvivalRow>(await reports.GetAsync(ReportKind.Survival, asOf));
            var theirs = File.ReadLines(Path.Combine(dir, "survival.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            var survivalEqual = theirs.Count == survival.Count && theirs.Zip(survival).All(p =>
                p.First[0] == p.Second.Cohort && int.Parse(p.First[1], CultureInfo.InvariantCulture) == p.Second.Day
                && Math.Abs(double.Parse(p.First[2], CultureInfo.InvariantCulture) - p.Second.Survival) < 1e-9);
            var value = model.Value!;
            var parameterGap = new[] { value.R - values["r"], value.Alpha - values["alpha"], value.A - values["a"], value.B - values["b"] }.Max(Math.Abs);
            var cohorts = Rows<CohortValueRow>(await reports.GetAsync(ReportKind.CohortValue, asOf)).ToDictionary(r => r.Cohort);
            var worstCohortGap = File.ReadLines(Path.Combine(dir, "cohort_value.csv")).Skip(1).Select(l => l.Split(','))
                .Max(c => Math.Abs(cohorts[c[0]].ExpectedPurchases / double.Parse(c[2], CultureInfo.InvariantCulture) - 1));
            var pandasSeconds = values["pandas_seconds"];
            Console.WriteLine($"pandas + statsmodels + scipy (same users, load excluded: {values["pandas_load_seconds"]:F2} s to load): {pandasSeconds:F2} s for stages, " +
                              $"survival per cohort, a BG/NBD fit on the same {options.FitSampleUsers:N0}-user sample and expected active days; Longview's whole job " +
                              $"(those plus a second BG/NBD fit, the churn model, RFM, groups, member lists and reports written) takes {longviewSeconds / pandasSeconds:F2}x the peer's time");
            Console.WriteLine($"agreement: stage counts equal {stagesEqual}; survival equal at all {survival.Count:N0} steps {survivalEqual}; " +
                              $"BG/NBD parameters within {parameterGap:E1}; expected active days per cohort within {worstCohortGap:P3}");
            return stagesEqual && survivalEqual && parameterGap < 1e-3 && worstCohortGap < 1e-3 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<T> Rows<T>(StoredReport? report) =>
        JsonSerializer.Deserialize<List<T>>(report?.RowsJson ?? "[]", LongviewJson.Options)!;
}
