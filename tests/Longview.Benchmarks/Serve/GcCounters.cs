using System.Diagnostics;
using System.Globalization;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// The server's garbage collections while the HTTP rows run, read the way a .NET engineer would: <c>dotnet-counters
/// collect</c> (the repository's local tool, <c>.config/dotnet-tools.json</c>; <c>./dev bench</c> restores it) on the
/// runtime's <c>System.Runtime</c> meter, one sample a second into a CSV file, summed over each row's seconds. Without
/// the tool the rows print without it.
/// </summary>
internal sealed class GcCounters
{
    private const string Collections = "dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen";
    private const string Pause = "dotnet.gc.pause.time (s / 1 sec)";
    private const string Allocated = "dotnet.gc.heap.total_allocated (By / 1 sec)";

    private readonly Process _tool;
    private readonly string _file;

    private GcCounters(Process tool, string file)
    {
        _tool = tool;
        _file = file;
    }

    /// <summary>Attaches to <paramref name="processId"/>; null (and says why) when the tool cannot run here.</summary>
    public static async Task<GcCounters?> StartAsync(int processId, string folder, string repositoryRoot)
    {
        var file = Path.Combine(folder, $"gc-counters-{processId}.csv");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "tool", "run", "dotnet-counters", "collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "--format", "csv", "-o", file,
                     "--counters", "System.Runtime", "--refresh-interval", "1" })
        {
            start.ArgumentList.Add(argument);
        }
        var tool = Process.Start(start)!;
        tool.OutputDataReceived += (_, _) => { };
        tool.BeginOutputReadLine();
        var error = tool.StandardError.ReadToEndAsync();
        // Attached once the file exists; a missing tool exits at once.
        for (var i = 0; i < 100 && !tool.HasExited && !File.Exists(file); i++)
        {
            await Task.Delay(100);
        }
        if (tool.HasExited || !File.Exists(file))
        {
            Console.WriteLine($"    GC counters not measured: dotnet-counters did not start ({(tool.HasExited ? (await error).Trim().Split('\n')[0] : "no output after 10 s")}; `dotnet tool restore` installs it)");
            if (!tool.HasExited)
            {
                tool.Kill();
            }
            return null;
        }
        return new GcCounters(tool, file);
    }

    /// <summary>
    /// Stops the tool while the server still runs (SIGINT, as Ctrl+C: it writes its last samples; when the server exits
    /// first, the last seconds were missing from the file). The runtime hands counters over a few seconds late: 1.5 s
    /// after the last row often left that row without a sample.
    /// </summary>
    public async Task StopAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(4));
        // `dotnet tool run` runs the tool as its child: the child is the one to interrupt.
        string[] children;
        try
        {
            children = File.ReadAllText($"/proc/{_tool.Id}/task/{_tool.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            children = []; // gone already, or a kernel without the file
        }
        using (var interrupt = Process.Start("kill", ["-INT", .. children, _tool.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _tool.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _tool.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// Prints each row's collections by generation, pause time and allocation (after <see cref="StopAsync"/>). Samples are
    /// whole seconds, so each row's edges are uncertain by a second.
    /// </summary>
    public void Print(IReadOnlyList<HttpLoad.Level> levels)
    {
        var samples = Read(_file);
        Console.WriteLine("    the server's garbage collections in each row (dotnet-counters, System.Runtime, 1 s samples):");
        Console.WriteLine("    clients   gen0/s   gen1/s   gen2/s   paused ms/s   paused ms/req   KiB allocated/req");
        foreach (var level in levels)
        {
            // A sample stamped t covers the second before t.
            var from = level.StartedUtc.AddSeconds(1);
            var to = level.StartedUtc.AddSeconds(level.Seconds + 1);
            var row = samples.Where(s => s.Time >= from && s.Time <= to).ToList();
            if (row.Count == 0)
            {
                Console.WriteLine($"    {level.Clients,7}   (no whole second of samples in a {level.Seconds:F1} s row)");
                continue;
            }
            double Sum(Func<Sample, double> value) => row.Sum(value);
            var seconds = row.Count;
            var requests = level.RequestsPerSecond * seconds;
            Console.WriteLine($"    {level.Clients,7}  {Sum(s => s.Gen0) / seconds,7:F1}  {Sum(s => s.Gen1) / seconds,7:F1}  {Sum(s => s.Gen2) / seconds,7:F2}  {Sum(s => s.PauseSeconds) * 1000 / seconds,12:F1}  {Sum(s => s.PauseSeconds) * 1000 / requests,14:F4}  {Sum(s => s.AllocatedBytes) / 1024 / requests,18:F1}");
        }
    }

    private sealed record Sample(DateTime Time)
    {
        public double Gen0 { get; set; }
        public double Gen1 { get; set; }
        public double Gen2 { get; set; }
        public double PauseSeconds { get; set; }
        public double AllocatedBytes { get; set; }
    }

    /// <summary>The CSV's rows (Timestamp,Provider,Counter Name,Counter Type,Mean/Increment) grouped by timestamp.</summary>
    private static List<Sample> Read(string file)
    {
        var byTime = new SortedDictionary<DateTime, Sample>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            // The counter names hold no commas; the timestamp is the tool's local time (the rows' start times are UTC).
            var fields = line.Split(',');
            if (fields.Length < 5 || !DateTime.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal, out var time)
                || !double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            if (!byTime.TryGetValue(time, out var sample))
            {
                byTime[time] = sample = new Sample(time);
            }
            var name = fields[2];
            if (name.StartsWith(Collections, StringComparison.Ordinal))
            {
                switch (name[Collections.Length])
                {
                    case '0': sample.Gen0 = value; break;
                    case '1': sample.Gen1 = value; break;
                    case '2': sample.Gen2 = value; break;
                }
            }
            else if (name == Pause)
            {
                sample.PauseSeconds = value;
            }
            else if (name == Allocated)
            {
                sample.AllocatedBytes = value;
            }
        }
        return [.. byTime.Values];
    }
}
