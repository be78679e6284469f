using System.Diagnostics;
using System.Net;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// (b) End to end: N concurrent HttpClient loops against the running self-hosted app over loopback, each asking
/// GET /api/users/{id}/recommendations?count=10 for imported users in turn, until a request count or a time bound.
/// </summary>
internal static class HttpLoad
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(Uri baseAddress, IReadOnlyList<string> userIds, int clients, int maxRequests, TimeSpan maxTime)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        // Warm-up: JIT, connections, catalogue snapshot, model sessions. Concurrent and time-bound, because tiered
        // compilation promotes hot methods only after enough calls plus a background delay: 200 sequential requests
        // left Kestrel's and the route's code in instrumented tiers and the JIT busy during the timed part.
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
        var samples = new long[maxRequests];
        var issued = -1;
        var errors = 0;
        string? firstError = null;
        var loadBefore = Latencies.LoadAverage();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0);
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
        var gen0 = GC.CollectionCount(0) - gcBefore;
        var done = Math.Min(issued, maxRequests);
        var ticks = samples.Take(done).Where(t => t > 0).ToArray();
        Console.WriteLine($"  {ticks.Length:N0} requests by {clients} clients in {elapsed.TotalSeconds:F1}s (bounds: {maxRequests:N0} requests or {maxTime.TotalSeconds:F0}s), {errors} not 200{(firstError is null ? "" : $" (first: {firstError[..Math.Min(300, firstError.Length)]})")}");
        Console.WriteLine($"    p50 {Latencies.Percentile(ticks, 50):F2} ms  p99 {Latencies.Percentile(ticks, 99):F2} ms  max {Latencies.Percentile(ticks, 100):F1} ms  {ticks.Length / elapsed.TotalSeconds:N0} requests/s (targets: p99 <= 5 ms, >= 3,000 requests/s)");
        // CPU per request (server, client and background work of this process together) depends far less on the
        // machine's load than latency or throughput do, so it is the figure to compare between runs.
        Console.WriteLine($"    process CPU {cpu.TotalMilliseconds / Math.Max(1, ticks.Length):F3} ms per request (server + client + background), {gen0} gen-0 GCs");
        Console.WriteLine($"    load average {loadBefore} before / {Latencies.LoadAverage()} after (1, 5, 15 min), {Environment.ProcessorCount} cores; client and server share this process and machine");
    }
}
