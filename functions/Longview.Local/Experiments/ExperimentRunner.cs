using System.Diagnostics;
using System.Globalization;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Local.Experiments;

/// <summary>
/// Runs every arm on every seed (arm-major within a seed, so a cut-short run still has paired results), each in a
/// fresh data folder under <c>{out}/runs/{arm}-seed{seed}</c>, then builds the report. Each run's result goes to
/// <paramref name="log"/>; progress within a run goes to the caller's <see cref="ExperimentProgress"/> (the CLI's bar),
/// or as lines to the log when there is none.
/// </summary>
public sealed class ExperimentRunner(ExperimentWorld world, UserModelOptions userModel, string? modelFolder, TextWriter log)
{
    public async Task<ExperimentReport> RunAsync(ExperimentSettings settings, string outFolder, CancellationToken cancellationToken, IProgress<ExperimentProgress>? progressBar = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var runner = new ArmRunner(world, userModel, modelFolder, log);
        var results = new List<ArmSeedResult>();
        var total = settings.Seeds.Count * settings.Arms.Count;
        foreach (var seed in settings.Seeds)
        {
            foreach (var name in settings.Arms)
            {
                var arm = ExperimentArm.Find(name) ?? throw new ArgumentException($"--arms: unknown arm '{name}'");
                var folder = Path.Combine(outFolder, "runs", string.Create(CultureInfo.InvariantCulture, $"{name}-seed{seed}"));
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
                var loop = Loop(settings, seed);
                var done = results.Count;
                progressBar?.Report(new ExperimentProgress(done, total, name, seed, 0));
                // Synchronous: Progress<T> would post to the thread pool and could report after the run has ended.
                var progress = new SynchronousProgress<(int Sessions, DateTimeOffset Now)>(p =>
                {
                    if (progressBar is null)
                    {
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{done + 1}/{total}] {name} seed {seed}: {p.Sessions:N0} sessions, day {(p.Now - loop.Start).TotalDays:F1}"));
                    }
                    else
                    {
                        progressBar.Report(new ExperimentProgress(done, total, name, seed, Math.Clamp((p.Now - loop.Start).TotalDays / settings.Days, 0, 1)));
                    }
                });
                var result = await runner.RunAsync(arm, loop, folder, progress, cancellationToken);
                results.Add(result);
                progressBar?.Report(new ExperimentProgress(results.Count, total, name, seed, 0));
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[{results.Count}/{total}] {name} seed {seed}: D1 {Percent(result.D1)} D7 {Percent(result.D7)} D30 {Percent(result.D30)}, {result.SessionsPerUser:F2} sessions/user, {result.ItemsConsumedPerUser:F2} items/user, {result.DistinctGenresPerUser:F2} genres/user ({result.Seconds:F1} s, {stopwatch.Elapsed.TotalSeconds:F0} s so far)"));
            }
        }
        return ExperimentReport.Build(settings, results, stopwatch.Elapsed.TotalSeconds);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P2", CultureInfo.InvariantCulture) : "n/a";

    public static ClosedLoopOptions Loop(ExperimentSettings settings, int seed) => new()
    {
        Users = settings.Users,
        Days = settings.Days,
        ArrivalDays = settings.ArrivalDays,
        ListSize = settings.ListSize,
        Seed = seed,
        RetrainEveryDays = settings.RetrainEveryDays,
    };
}
