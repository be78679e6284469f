using System.Diagnostics;
using System.Net;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// (b) End to end: N concurrent HttpClient loops against the running self-hosted app over loopback, each asking
/// GET /api/users/{id}/recommendations?count=10 for imported users in turn, until a request count or a time bound.
/// </summary>
internal static class HttpLoad
{
    public static async Task RunAsync(Uri baseAddress, IReadOnlyList<string> userIds, int clients, int maxRequests, TimeSpan maxTime)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        // Warm-up: JIT, connections, catalogue snapshot, model sessions.
        for (var i = 0; i < 200; i++)
        {
            (await http.GetAsync($"/api/users/{userIds[i % userIds.Count]}/recommendations?count=10")).Dispose();
        }
        var samples = new long[maxRequests];
        var issued = -1;
        var errors = 0;
        string? firstError = null;
        var loadBefore = Latencies.LoadAverage();
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
        var done = Math.Min(issued, maxRequests);
        var ticks = samples.Take(done).Where(t => t > 0).ToArray();
        Console.WriteLine($"  {ticks.Length:N0} requests by {clients} clients in {elapsed.TotalSeconds:F1}s (bounds: {maxRequests:N0} requests or {maxTime.TotalSeconds:F0}s), {errors} not 200{(firstError is null ? "" : $" (first: {firstError[..Math.Min(300, firstError.Length)]})")}");
        Console.WriteLine($"    p50 {Latencies.Percentile(ticks, 50):F2} ms  p99 {Latencies.Percentile(ticks, 99):F2} ms  max {Latencies.Percentile(ticks, 100):F1} ms  {ticks.Length / elapsed.TotalSeconds:N0} requests/s (targets: p99 <= 5 ms, >= 3,000 requests/s)");
        Console.WriteLine($"    load average {loadBefore} before / {Latencies.LoadAverage()} after (1, 5, 15 min), {Environment.ProcessorCount} cores; client and server share this process and machine");
    }
}
