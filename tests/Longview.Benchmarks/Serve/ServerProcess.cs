using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// A server under test in its own process (the self-hosted app, or the Python peer), so its CPU time is its own and
/// not the load generator's: <see cref="Cpu"/> sums user + system time over the process and its descendants (uvicorn's
/// worker processes), read from /proc. Its output is drained (the tail is kept for errors); disposing kills the tree.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> with the arguments ({port} replaced by a free loopback port) and waits until <paramref name="ready"/> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string ready, TimeSpan timeout)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {server._process.ExitCode}: {server.Tail}");
            }
            try
            {
                using var response = await probe.GetAsync(ready);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(file)} did not answer {ready} within {timeout.TotalSeconds:F0} s: {server.Tail}");
    }

    /// <summary>User + system CPU time of the process and every descendant alive now (exited children are in the parent's cutime only once reaped).</summary>
    public TimeSpan Cpu()
    {
        var parents = new Dictionary<int, int>();
        var times = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command (which may hold spaces) start after the last ')': state ppid ... utime(14) stime(15).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                times[pid] = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        var total = 0.0;
        foreach (var (pid, seconds) in times)
        {
            for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == _process.Id)
                {
                    total += seconds;
                    break;
                }
            }
        }
        return TimeSpan.FromSeconds(total);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 20)
            {
                _tail.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
