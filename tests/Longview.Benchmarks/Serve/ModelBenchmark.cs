using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Longview.Core.Serving.Models;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// (a) Model only: <see cref="IModelLease.Score"/> (ONNX Runtime, IntraOpNumThreads 1, preallocated buffers) at batch 1
/// over real ml-1m histories, then PyTorch eager on the same weights and the same sequences (torch_twin.py) in the same run.
/// </summary>
internal static class ModelBenchmark
{
    public const string Python = "/usr/bin/python3";

    /// <param name="length">Score the last <paramref name="length"/> items of users who have that many; null scores
    /// every user's own history (its last <paramref name="maxLength"/> items), the mix a server sees. With a serving window
    /// (manifest.servingWindow) ORT scores the newest <see cref="IModelLease.MaxLength"/> of them, as serving does, while
    /// PyTorch eager runs the full model on the whole sequence: the comparison is served model vs exported model.</param>
    /// <returns>ORT's CPU per call in ms (the thread's CPU clock over the timed calls) and its p50 speed-up over PyTorch eager
    /// (null when not measured); null when no sequence qualified.</returns>
    public static (double CpuMs, double? EagerRatio)? Run(IModelLease lease, int maxLength, IReadOnlyList<int[]> histories, int? length, int calls, string modelFolder, string repositoryRoot)
    {
        var sequences = length is { } fixedLength
            ? histories.Where(h => h.Length >= fixedLength).Select(h => h[^fixedLength..]).ToList()
            : OwnHistories(histories, maxLength);
        var label = length is null
            ? $"every user's own history (last <= {maxLength} items, median {Median(sequences)})"
            : $"history {length} items";
        if (sequences.Count == 0)
        {
            Console.WriteLine($"  {label}: no user has enough known items; skipped");
            return null;
        }
        var scores = new float[lease.ItemCount + 1];
        var warmup = Math.Min(500, calls);
        for (var i = 0; i < warmup; i++)
        {
            lease.Score(sequences[i % sequences.Count], scores);
        }
        var ticks = new long[calls];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuClock.Nanoseconds();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            lease.Score(sequences[i % sequences.Count], scores);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        var cpuMs = (ThreadCpuClock.Nanoseconds() - cpu) / 1e6 / calls;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var ortP50 = Latencies.Percentile(ticks, 50);
        var ortP99 = Latencies.Percentile(ticks, 99);
        var ortSeconds = ticks.Sum() / (double)Stopwatch.Frequency;

        var torchCalls = Math.Max(200, calls / 5);
        var torch = TimeTorch(sequences, modelFolder, repositoryRoot, Math.Min(100, torchCalls), torchCalls);
        var served = lease.MaxLength < maxLength ? $"; ORT scores the newest {lease.MaxLength} (serving window), PyTorch all of them" : "";
        Console.WriteLine($"  {label} ({sequences.Count:N0} distinct user sequences, cycled{served})");
        Console.WriteLine($"    ORT C#        p50 {ortP50:F3} ms  p99 {ortP99:F3} ms  {calls / ortSeconds:N0} calls/s on one thread, {cpuMs:F3} ms CPU per call ({calls:N0} calls, {allocated / (double)calls:F0} B allocated per call)");
        if (torch is { } t)
        {
            Console.WriteLine($"    PyTorch eager p50 {t.P50:F3} ms  p99 {t.P99:F3} ms  {t.Calls / t.Seconds:N0} calls/s on one thread ({t.Calls:N0} calls, torch {t.Version}, twin vs reference.json max |diff| {t.Diff:G2})");
            Console.WriteLine($"    ratio         ORT is {t.P50 / ortP50:F1}x faster at p50 (target >= 3x), {calls / ortSeconds / (t.Calls / t.Seconds):F1}x in throughput; ORT p50 target <= 0.15 ms: {(ortP50 <= 0.15 ? "met" : "NOT met")}");
        }
        return (cpuMs, torch is { } eager ? eager.P50 / ortP50 : null);
    }

    /// <summary>Every user's own history, the mix a server sees: its newest <paramref name="maxLength"/> items.</summary>
    public static List<int[]> OwnHistories(IReadOnlyList<int[]> histories, int maxLength) =>
        histories.Where(h => h.Length > 0).Select(h => h.Length > maxLength ? h[^maxLength..] : h).ToList();

    private static int Median(List<int[]> sequences) =>
        sequences.Count == 0 ? 0 : sequences.Select(s => s.Length).Order().ElementAt(sequences.Count / 2);

    private sealed record TorchTiming(int Calls, double P50, double P99, double Seconds, double Diff, string Version);

    private static TorchTiming? TimeTorch(List<int[]> sequences, string modelFolder, string repositoryRoot, int warmup, int calls)
    {
        var file = Path.Combine(Path.GetTempPath(), $"longview-serve-bench-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, JsonSerializer.Serialize(sequences));
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(repositoryRoot, "tests", "Longview.Benchmarks", "Serve", "torch_twin.py"), repositoryRoot, modelFolder, file,
                         warmup.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["OPENBLAS_NUM_THREADS"] = "1";
            start.Environment["OMP_NUM_THREADS"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"    PyTorch eager: not measured ({Python} torch_twin.py exited {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()})");
                return null;
            }
            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var r = json.RootElement;
            return new TorchTiming(r.GetProperty("calls").GetInt32(), r.GetProperty("p50_ms").GetDouble(), r.GetProperty("p99_ms").GetDouble(),
                r.GetProperty("seconds").GetDouble(), r.GetProperty("max_abs_diff_vs_reference").GetDouble(), r.GetProperty("torch").GetString() ?? "?");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Console.WriteLine($"    PyTorch eager: not measured ({Python}: {ex.Message})");
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
