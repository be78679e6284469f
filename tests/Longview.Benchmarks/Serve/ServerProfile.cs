using System.Diagnostics;
using System.Globalization;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// <c>--perf on</c>: where the server's own CPU goes, by stage, measured in the server process under load (the in-process
/// stage breakdown cannot see HTTP, the runtime or the writers' background work). One extra row after the measured
/// ones (so perf's cost is not in them): <c>perf record -g</c> on the server for the row's duration, then each sample
/// goes to the first stage of the list below that any frame of its stack names (so JSON inside the profile read counts
/// as the read, and kernel time goes to the stage that made the system call).
/// ONNX Runtime and SQLite have no frame pointers, so their samples are attributed by library. The server runs with
/// <c>DOTNET_PerfMapEnabled=1</c> (JIT code names for perf) in every row when this is on.
/// </summary>
internal sealed class ServerProfile(int processId, string folder)
{
    public static readonly IReadOnlyDictionary<string, string> ServerEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_PerfMapEnabled"] = "1",
        // Without W^X the JIT maps code once; with it perf sees the executable alias, not the names in the perf map.
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    // In priority order: a sample in the profile decode also has the request's frames above it.
    private static readonly (string Stage, string[] Markers)[] Stages =
    [
        ("model and churn (ONNX Runtime)", ["libonnxruntime", "SequenceScorer", "ChurnScorer", "LogisticChurn"]),
        ("served-list and exposure logs (the same writer)", ["ServedListRecording", "SqliteServedListLog", "ExposureLog"]),
        ("impression logging (fold, encode, write)", ["ImpressionWriter", "EventIngestion", "ProfileAggregator", "CompactProfileEncoding::Encode", "SqliteProfileStore+<WriteManyAsync>", "ImpressionEvents"]),
        ("profile read (SQLite row, decode)", ["SqliteProfileStore::", "CompactProfileEncoding::Decode", "Microsoft.Data.Sqlite"]),
        ("Recommend and the rest of ServeAsync", ["RecommendationService", "RetentionReRanker", "ItemExclusions", "TopK", "PoolCategories"]),
        ("response JSON", ["System.Text.Json"]),
        ("HTTP (Kestrel, routing, middleware, sockets)", ["Microsoft.AspNetCore", "System.Net.Sockets", "RecommendationsEndpoint"]),
        ("SQLite, caller not unwound", ["libe_sqlite3"]),
    ];

    private string? _recordErrors;

    public static bool Available => File.Exists("/usr/bin/perf");

    private string DataFile => Path.Combine(folder, $"perf-{processId}.data");

    /// <summary>Records the server while <paramref name="load"/> runs for <paramref name="duration"/>.</summary>
    public async Task<T> RecordAsync<T>(TimeSpan duration, Func<Task<T>> load)
    {
        var start = new ProcessStartInfo("/usr/bin/perf") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "record", "-F", "999", "-g", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", DataFile, "--", "sleep",
            duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using var perf = Process.Start(start) ?? throw new InvalidOperationException("perf did not start");
        var errors = perf.StandardError.ReadToEndAsync();
        _ = perf.StandardOutput.ReadToEndAsync();
        var result = await load();
        await perf.WaitForExitAsync();
        _recordErrors = perf.ExitCode == 0 ? null : $"perf record exited with {perf.ExitCode}: {(await errors).Trim()}";
        return result;
    }

    /// <summary>Prints each stage's share of the samples and, from the row's CPU per request, its milliseconds.</summary>
    public async Task PrintAsync(double serverCpuMsPerRequest)
    {
        var start = new ProcessStartInfo("/usr/bin/perf") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "script", "-i", DataFile })
        {
            start.ArgumentList.Add(argument);
        }
        using var perf = Process.Start(start) ?? throw new InvalidOperationException("perf script did not start");
        _ = perf.StandardError.ReadToEndAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var leaves = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var sample = new List<string>();
        while (await perf.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                sample.Add(line);
                continue;
            }
            if (sample.Count > 0)
            {
                var stage = Classify(sample);
                counts[stage] = counts.GetValueOrDefault(stage) + 1;
                var leaf = sample.Count > 1 ? Leaf(sample[1]) : "(no frame)";
                leaves[leaf] = leaves.GetValueOrDefault(leaf) + 1;
                total++;
                sample.Clear();
            }
        }
        await perf.WaitForExitAsync();
        File.Delete(DataFile);
        if (total == 0)
        {
            Console.WriteLine($"    where the server's CPU went: no samples ({_recordErrors ?? "perf record reported nothing"})");
            return;
        }
        Console.WriteLine($"    where the server's CPU went (perf, {total:N0} samples at 999 Hz; ms = share x {serverCpuMsPerRequest:F3} ms per request):");
        foreach (var (stage, count) in counts.OrderByDescending(c => c.Value))
        {
            Console.WriteLine($"      {stage,-55} {100.0 * count / total,5:F1} %  {serverCpuMsPerRequest * count / total,6:F3} ms");
        }
        Console.WriteLine("    the functions the samples were in (self, top 15):");
        foreach (var (leaf, count) in leaves.OrderByDescending(c => c.Value).Take(15))
        {
            Console.WriteLine($"      {100.0 * count / total,5:F1} %  {leaf}");
        }
    }

    /// <summary>
    /// A frame line is "address symbol+offset (library)": the symbol without its offset, and the library's file name. A
    /// JIT-compiled method's symbol is its whole signature; it is cut to Type::Method.
    /// </summary>
    private static string Leaf(string frame)
    {
        var text = frame.Trim();
        var space = text.IndexOf(' ');
        var library = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (space < 0 || library <= space)
        {
            return text;
        }
        var symbol = text[(space + 1)..library];
        var plus = symbol.LastIndexOf("+0x", StringComparison.Ordinal);
        symbol = plus > 0 ? symbol[..plus] : symbol;
        var member = symbol.IndexOf("::", StringComparison.Ordinal);
        if (member > 0)
        {
            var open = symbol.IndexOf('(', member);
            var start = symbol.LastIndexOf(' ', member) + 1;
            symbol = symbol[start..(open > member ? open : symbol.Length)];
        }
        return $"{symbol} ({Path.GetFileName(text[(library + 2)..].TrimEnd(')'))})";
    }

    /// <summary>The first line is the thread ("comm pid time ..."), then the frames, innermost first.</summary>
    private static string Classify(List<string> sample)
    {
        if (sample[0].TrimStart().StartsWith(".NET Server GC", StringComparison.Ordinal))
        {
            return "GC (server GC threads)";
        }
        foreach (var (stage, markers) in Stages)
        {
            for (var i = 1; i < sample.Count; i++)
            {
                foreach (var marker in markers)
                {
                    if (sample[i].Contains(marker, StringComparison.Ordinal))
                    {
                        return stage;
                    }
                }
            }
        }
        return sample.Count > 1 && sample[1].Contains("[kernel.kallsyms]", StringComparison.Ordinal)
            ? "kernel, no managed caller (interrupts, scheduling)"
            : "runtime and the rest (allocation, JIT, thread pool, timers)";
    }
}
