using System.Diagnostics;
using System.Globalization;
using System.Text;
using Longview.Core.Import;
using Longview.Core.Semantics;
using Longview.Infrastructure.Semantics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Benchmarks.Encode;

/// <summary>
/// <c>./dev bench encode [--items N] [--batch B]</c>: item text encoding throughput of the serving encoder on one
/// intra-op thread, over ml-1m's titles and genres composed by <see cref="ItemText"/> (what <c>longview embed</c> encodes).
/// Prints items per second of wall time and per CPU-second (the second is the one-core figure on a shared machine).
/// </summary>
public static class EncodeBenchmark
{
    public static int Run(string[] args)
    {
        var items = Option(args, "--items", 512);
        var batch = Option(args, "--batch", 32);
        var movies = Path.Combine(BenchmarkData.Root(), "ml-1m", "movies.dat");
        if (!File.Exists(movies))
        {
            Console.WriteLine($"encode: {movies} is absent; nothing to measure");
            return 0;
        }
        var format = new MovieLens1MFormat();
        var texts = File.ReadLines(movies, Encoding.Latin1).Select(format.ParseItem).Where(p => p.Value is not null)
            .Select(p => ItemText.Compose(p.Value!)).Take(items + batch).ToArray();
        using var encoder = new ArcticXsTextEncoder(Options.Create(new TextEncoderOptions { IntraOpThreads = 1 }), NullLogger<ArcticXsTextEncoder>.Instance);
        var load = Stopwatch.StartNew();
        encoder.Encode(texts[..batch]); // loads the model; not timed below
        Console.WriteLine($"encode: {encoder.Id} loaded and warmed in {load.Elapsed.TotalSeconds:F1} s; {texts.Length - batch} texts, batches of {batch}, 1 intra-op thread");
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var perBatch = new List<double>();
        foreach (var chunk in texts[batch..].Chunk(batch))
        {
            var one = Stopwatch.StartNew();
            encoder.Encode(chunk);
            perBatch.Add(one.Elapsed.TotalMilliseconds);
        }
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        perBatch.Sort();
        var encoded = texts.Length - batch;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"encode: {encoded} items in {wall.Elapsed.TotalSeconds:F1} s = {encoded / wall.Elapsed.TotalSeconds:F1} items/s wall, " +
            $"{encoded / Math.Max(cpu, 1e-9):F1} items per CPU-second; batch p50 {perBatch[perBatch.Count / 2]:F0} ms, max {perBatch[^1]:F0} ms; " +
            $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
