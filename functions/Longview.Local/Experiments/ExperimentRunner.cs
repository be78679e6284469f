using System.Diagnostics;
using System.Globalization;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Local.Experiments;

/// <summary>
/// Runs every arm on every seed (arm-major within a seed, so a cut-short run still has paired results), each in a
/// fresh data folder under <c>{out}/runs/{arm}-seed{seed}</c>, then builds the report. Progress goes to <paramref name="log"/>.
/// </summary>
public sealed class ExperimentRunner(ExperimentWorld world, UserModelOptions userModel, string? modelFolder, TextWriter log)
{
    public async Task<ExperimentReport> RunAsync(ExperimentSettings settings, string outFolder, CancellationToken cancellationToken)
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
                var progress = new Progress<(int Sessions, DateTimeOffset Now)>(p =>
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{done + 1}/{total}] {name} seed {seed}: {p.Sessions:N0} sessions, day {(p.Now - loop.Start).TotalDays:F1}")));
                var result = await runner.RunAsync(arm, loop, folder, progress, cancellationToken);
                results.Add(result);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[{results.Count}/{total}] {name} seed {seed}: D1 {Percent(result.D1)} D7 {Percent(result.D7)} D30 {Percent(result.D30)}, {result.SessionsPerUser:F2} sessions/user, {result.ItemsConsumedPerUser:F2} items/user, {result.DistinctGenresPerUser:F2} genres/user ({result.Seconds:F1} s, {stopwatch.Elapsed.TotalSeconds:F0} s so far)"));
            }
        }
        return ExperimentReport.Build(settings, results, stopwatch.Elapsed.TotalSeconds);
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
