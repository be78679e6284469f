using System.Diagnostics;
using System.Net;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// (b) End to end: N concurrent HttpClient loops against the running self-hosted app over loopback, each asking
/// GET /api/users/{id}/recommendations?count=10 for imported users in turn, until a request count or a time bound;
/// once per client count of the sweep. A closed loop of N clients waits on average N / throughput per request
/// (Little's law), so latency is only comparable at equal concurrency and the targets are read per row. The server runs
/// in its own process; its CPU per request is its own, the client's is this process's.
/// </summary>
internal static class HttpLoad
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);
    private const double TargetP99Ms = 5;
    private const double QuietMsPerSecond = 20;
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(30);
    private const double TargetRequestsPerSecond = 3_000;

    /// <summary>The server's CPU per request at most this many times the model's CPU per call (issue 18).</summary>
    private const double TargetCpuRatio = 2;

    public sealed record Level(int Clients, int Requests, double Seconds, double P50, double P99, double Max, double ServerCpuMsPerRequest, double ClientCpuMsPerRequest, int Errors)
    {
        public double RequestsPerSecond => Requests / Seconds;

        /// <summary>When the row's timed part began (UTC): with <see cref="Seconds"/>, its window in the server's GC counters.</summary>
        public DateTime StartedUtc { get; init; }

        /// <summary>The model's CPU per call timed just before and just after the row (their mean; <see cref="ModelClock"/>), null without a clock.</summary>
        public double? ModelMsPerCall { get; init; }

        /// <summary>The server's CPU per request over the model's: the model timed around the row when it was, else <paramref name="fallback"/>.</summary>
        public double CpuRatio(double? fallback) => (ModelMsPerCall ?? fallback) is { } model ? ServerCpuMsPerRequest / model : double.NaN;
    }

    /// <param name="serverCpu">The server process's CPU time so far (its own process tree: the load generator is not in it).</param>
    /// <param name="modelMsPerCall">The model's CPU per call for the same users (part a), for the CPU target; null when not measured.</param>
    /// <param name="model">Times the model again around each row; each row's ratio is then to that timing.</param>
    public static async Task<IReadOnlyList<Level>> RunAsync(string label, Uri baseAddress, IReadOnlyList<string> userIds, IReadOnlyList<int> clientCounts, int maxRequests, TimeSpan maxTime,
        Func<TimeSpan> serverCpu, double? modelMsPerCall, ModelClock? model = null)
    {
        var most = clientCounts.Max();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = most, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        var (settled, idleMsPerSecond) = await WarmUpAsync(http, userIds, most, serverCpu);
        var loadBefore = Latencies.LoadAverage();
        var levels = new List<Level>();
        var modelBefore = model?.CpuMsPerCall();
        foreach (var clients in clientCounts)
        {
            var level = await TimedAsync(http, userIds, clients, maxRequests, maxTime, serverCpu);
            var modelAfter = model?.CpuMsPerCall();
            levels.Add(level with { ModelMsPerCall = (modelBefore + modelAfter) / 2 });
            modelBefore = modelAfter;
        }
        var cpuTarget = model is not null
            ? $", server CPU per request <= {TargetCpuRatio}x the model's CPU per call timed around each row"
            : modelMsPerCall is { } m0 ? $", server CPU per request <= {TargetCpuRatio}x the model's {m0:F3} ms per call" : "";
        Console.WriteLine($"  {label}: {userIds.Count:N0} users in turn, bounds {maxRequests:N0} requests or {maxTime.TotalSeconds:F0} s per row; targets p99 <= {TargetP99Ms} ms at 2 and 4 clients, >= {TargetRequestsPerSecond:N0} requests/s{cpuTarget}");
        Console.WriteLine($"    settled {settled.TotalSeconds:F0} s after the warm-up: {idleMsPerSecond:F1} ms server CPU per second with no request in flight{(idleMsPerSecond > QuietMsPerSecond ? $" (still above {QuietMsPerSecond} after {MaxSettle.TotalSeconds:F0} s: the first row pays for it)" : "")}");
        Console.WriteLine("    clients  requests  requests/s     p50 ms     p99 ms     max ms  server CPU ms/req  model ms/call  x model  client CPU ms/req  not 200  targets");
        foreach (var l in levels)
        {
            var ratio = l.CpuRatio(modelMsPerCall);
            var modelMs = l.ModelMsPerCall ?? modelMsPerCall;
            var met = new List<string>();
            if (l.Clients is 2 or 4)
            {
                met.Add(l.P99 <= TargetP99Ms ? "p99 met" : "p99 NOT met");
            }
            met.Add(l.RequestsPerSecond >= TargetRequestsPerSecond ? "req/s met" : "req/s not met");
            if (!double.IsNaN(ratio))
            {
                met.Add(ratio <= TargetCpuRatio ? "CPU met" : "CPU NOT met");
            }
            if (l.Errors > 0)
            {
                met.Add("ERRORS");
            }
            Console.WriteLine($"    {l.Clients,7}  {l.Requests,8:N0}  {l.RequestsPerSecond,10:N0}  {l.P50,9:F2}  {l.P99,9:F2}  {l.Max,9:F1}  {l.ServerCpuMsPerRequest,17:F3}  {(modelMs is { } mm ? mm.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "-"),13}  {(double.IsNaN(ratio) ? "-" : ratio.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)),7}  {l.ClientCpuMsPerRequest,16:F3}  {l.Errors,7}  {string.Join(", ", met)}");
        }
        // CPU per request depends far less on the machine's load than latency or throughput do, so it is the figure
        // to compare between runs; the server's is its own process tree's, the client's this process's.
        Console.WriteLine($"    load average {loadBefore} before / {Latencies.LoadAverage()} after (1, 5, 15 min), {Environment.ProcessorCount} cores; the client (this process) shares the machine with the server");
        return levels;
    }

    /// <summary>
    /// Warms the server up with <paramref name="clients"/> concurrent loops, then waits until it is quiet; returns how long
    /// that took and the server's CPU per second at the end (above <see cref="QuietMsPerSecond"/> when it never settled).
    /// </summary>
    public static async Task<(TimeSpan Settled, double IdleMsPerSecond)> WarmUpAsync(HttpClient http, IReadOnlyList<string> userIds, int clients, Func<TimeSpan> serverCpu)
    {
        // Warm-up: JIT, connections, catalogue snapshot, model sessions. Concurrent and time-bound, because tiered
        // compilation promotes hot methods only after enough calls plus a background delay: 200 sequential requests
        // left Kestrel's and the route's code in instrumented tiers and the JIT busy during the timed part. 5 s was not
        // enough either (issue 18, 04:43 UTC): the first row cost 1.02-1.19 ms CPU per request and the same row repeated
        // 0.55-0.66 ms, with perf still finding the JIT at 8% of the server's samples; after 15 s the first row matched
        // the repeats.
        using (var warm = new CancellationTokenSource(WarmUp))
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (!warm.IsCancellationRequested)
                {
                    (await http.GetAsync($"/api/users/{userIds[Interlocked.Increment(ref next) % userIds.Count]}/recommendations?count=10")).Dispose();
                }
            })));
        }
        // Then wait until the server is quiet: start-up work (popularity seeding, retention catch-up), tier-1 JIT and the
        // warm-up's own impression writes kept it at 170-260 ms CPU per second for several seconds on this loaded machine,
        // which the first row would otherwise have been charged with (an idle server here uses ~0-4 ms per second).
        var settle = Stopwatch.StartNew();
        double idleMsPerSecond;
        do
        {
            var before = serverCpu();
            var second = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(1));
            idleMsPerSecond = (serverCpu() - before).TotalMilliseconds / second.Elapsed.TotalSeconds;
        }
        while (idleMsPerSecond > QuietMsPerSecond && settle.Elapsed < MaxSettle);
        return (settle.Elapsed, idleMsPerSecond);
    }

    /// <summary>One more row at <paramref name="clients"/> clients while <paramref name="profile"/> records the server (<c>--perf on</c>).</summary>
    public static async Task ProfiledRowAsync(Uri baseAddress, IReadOnlyList<string> userIds, int clients, int maxRequests, TimeSpan maxTime, Func<TimeSpan> serverCpu, ServerProfile profile)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        var level = await profile.RecordAsync(maxTime, () => TimedAsync(http, userIds, clients, maxRequests, maxTime, serverCpu));
        Console.WriteLine($"    profiled row (not a measurement: perf samples the server): {clients} clients, {level.RequestsPerSecond:N0} requests/s, {level.ServerCpuMsPerRequest:F3} ms server CPU per request");
        await profile.PrintAsync(level.ServerCpuMsPerRequest);
    }

    /// <summary>One timed row: <paramref name="clients"/> loops until <paramref name="maxRequests"/> or <paramref name="maxTime"/>.</summary>
    public static async Task<Level> TimedAsync(HttpClient http, IReadOnlyList<string> userIds, int clients, int maxRequests, TimeSpan maxTime, Func<TimeSpan> serverCpu)
    {
        var samples = new long[maxRequests];
        var issued = -1;
        var errors = 0;
        string? firstError = null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serverBefore = serverCpu();
        var startedUtc = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(maxTime);
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref issued);
                if (n >= maxRequests)
                {
                    return;
                }
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync($"/api/users/{userIds[n % userIds.Count]}/recommendations?count=10", HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (HttpRequestException ex)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = ex.Message;
                    }
                }
                samples[n] = Stopwatch.GetTimestamp() - start;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var server = serverCpu() - serverBefore;
        var ticks = samples.Take(Math.Min(issued, maxRequests)).Where(t => t > 0).ToArray();
        if (firstError is not null)
        {
            Console.WriteLine($"    {clients} clients: first error {firstError[..Math.Min(300, firstError.Length)]}");
        }
        return new Level(clients, ticks.Length, elapsed.TotalSeconds, Latencies.Percentile(ticks, 50), Latencies.Percentile(ticks, 99), Latencies.Percentile(ticks, 100),
            server.TotalMilliseconds / Math.Max(1, ticks.Length), cpu.TotalMilliseconds / Math.Max(1, ticks.Length), errors)
        {
            StartedUtc = startedUtc,
        };
    }
}
