using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Longview.Benchmarks.Serve;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Longview.Local.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Benchmarks.Soak;

/// <summary>
/// A bounded mixed load against the real self-hosted app (Kestrel on a free loopback port, in this process, with its
/// background services: impression writer, model polling, popularity): N closed-loop clients ask for recommendations
/// and post event batches over a fixed population for M minutes. Every interval it prints throughput, p50/p99, errors,
/// RSS, the managed heap after the last GC, the memory the GC has committed and SQLite's own heap
/// (<c>sqlite3_memory_used</c>), the process's threads, the IL compiled so far and the mean profile size, so a leak
/// shows as a slope and the columns say whose it is; the last line fits RSS over the second half of the run and
/// says whether it levelled off.
/// </summary>
internal static class SoakBenchmark
{
    /// <summary>Below this RSS growth (MiB per minute, over the second half) memory counts as levelled off.</summary>
    private const double LevelledMiBPerMinute = 2.0;

    public static async Task<int> RunAsync(SoakBenchmarkOptions options)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "longview-soak", Guid.NewGuid().ToString("n"));
        try
        {
            return await RunAsync(options, dataFolder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataFolder))
            {
                Directory.Delete(dataFolder, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(SoakBenchmarkOptions options, string dataFolder)
    {
        var host = new LocalHostOptions { Urls = "http://127.0.0.1:0", DataFolder = dataFolder, SeedWhenEmpty = false };
        await using var app = LocalWebApp.Create(host, logging => logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients }) { BaseAddress = address };

        const int items = 300;
        await PostAsync(http, "/api/items", string.Join('\n', Enumerable.Range(0, items).Select(i =>
            $$"""{"itemId":"soak-i{{i}}","title":"Item {{i}}","categories":["c{{i % 12}}","d{{i % 5}}"]}""")));
        // Every user gets a short history first (untimed), so recommendations take the profile path, not cold start.
        var run = Guid.NewGuid().ToString("n")[..8];
        var counter = 0L;
        for (var first = 0; first < options.Users; first += 500)
        {
            var body = new StringBuilder();
            for (var u = first; u < Math.Min(first + 500, options.Users); u++)
            {
                for (var k = 0; k < 3; k++)
                {
                    body.Append(Event(run, ++counter, u, (u * 7 + k * 13) % items, DateTimeOffset.UtcNow.AddMinutes(-10))).Append('\n');
                }
            }
            await PostAsync(http, "/api/events", body.ToString());
        }
        Console.WriteLine($"soak: {options.Minutes:0.##} min, {options.Clients} clients, {options.Users:N0} users, {items} items, " +
            $"{options.EventShare:P0} of requests post {options.EventsPerBatch} events, the rest GET recommendations; app on {address} (in this process), " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} cores, load average {Latencies.LoadAverage()}");
        Console.WriteLine($"{"t(s)",6} {"req/s",8} {"rec/s",8} {"events/s",9} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"RSS MiB",8} {"heap MiB",9} {"GC commit",9} {"sqlite MiB",10} {"gen2",5} {"threads",7} {"JIT KiB",8} {"profile KiB",11}");

        using var largeAllocations = options.LargeAllocations ? new LargeAllocationListener() : null;
        var profileStart = await MeanProfileKiBAsync(app.Services.GetRequiredService<IProfileStore>(), options.Users);
        var samples = new IntervalSamples();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, options.Clients)
            .Select(c => Task.Run(() => ClientLoopAsync(http, options, run, c, items, samples, () => Interlocked.Increment(ref counter), stop.Token)))
            .ToArray();

        var profiles = app.Services.GetRequiredService<IProfileStore>();
        var rss = new List<(double Minutes, double MiB)>();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromMinutes(options.Minutes);
        long totalRequests = 0, totalErrors = 0;
        while (clock.Elapsed < end)
        {
            var wait = TimeSpan.FromSeconds(options.IntervalSeconds);
            await Task.Delay(wait < end - clock.Elapsed ? wait : end - clock.Elapsed);
            var interval = samples.Swap();
            var seconds = interval.Seconds;
            using var process = Process.GetCurrentProcess();
            var rssMiB = process.WorkingSet64 / (1024.0 * 1024);
            var gc = GC.GetGCMemoryInfo(GCKind.Any);
            var profileKiB = await MeanProfileKiBAsync(profiles, options.Users);
            rss.Add((clock.Elapsed.TotalMinutes, rssMiB));
            totalRequests += interval.Latencies.Length;
            totalErrors += interval.Errors;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds,6:F0} {interval.Latencies.Length / seconds,8:F0} {interval.Recommendations / seconds,8:F0} {interval.Events / seconds,9:F0} " +
                $"{Latencies.Percentile(interval.Latencies, 50),8:F2} {Latencies.Percentile(interval.Latencies, 99),8:F2} {interval.Errors,7} " +
                $"{rssMiB,8:F0} {gc.HeapSizeBytes / (1024.0 * 1024),9:F0} {gc.TotalCommittedBytes / (1024.0 * 1024),9:F0} " +
                $"{SQLitePCL.raw.sqlite3_memory_used() / (1024.0 * 1024),10:F1} {GC.CollectionCount(2),5} {process.Threads.Count,7} {System.Runtime.JitInfo.GetCompiledILBytes() / 1024.0,8:F0} {profileKiB,11:F1}"));
            if (interval.FirstError is { } error)
            {
                Console.WriteLine($"       first error of the interval: {error}");
            }
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var profileEnd = await MeanProfileKiBAsync(profiles, options.Users);
        var secondHalf = rss.Where(r => r.Minutes >= options.Minutes / 2).ToList();
        var slope = Slope(secondHalf);
        var firstHalf = Slope(rss.Where(r => r.Minutes < options.Minutes / 2).ToList());
        var levelled = secondHalf.Count >= 3 && slope <= LevelledMiBPerMinute;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests {totalRequests:N0}, errors {totalErrors:N0}; RSS {rss.First().MiB:F0} -> {rss.Last().MiB:F0} MiB (peak {rss.Max(r => r.MiB):F0}); " +
            $"slope first half {firstHalf:+0.0;-0.0} MiB/min, second half {slope:+0.0;-0.0} MiB/min over {secondHalf.Count} samples; " +
            $"mean profile {profileStart:F1} -> {profileEnd:F1} KiB; load average {Latencies.LoadAverage()}"));
        Console.WriteLine(secondHalf.Count < 3
            ? "RSS levelled off: UNKNOWN (too few samples in the second half; run longer or with a shorter --interval)"
            : levelled
                ? $"RSS levelled off: YES (second-half slope {slope:+0.0;-0.0} MiB/min <= {LevelledMiBPerMinute} MiB/min)"
                : $"RSS levelled off: NO (second-half slope {slope:+0.0;-0.0} MiB/min > {LevelledMiBPerMinute} MiB/min; " +
                  "while the mean profile still grows toward its limits (ProfileLimits) this is warm-up, not yet a leak: run longer or with fewer --users)");
        if (largeAllocations is not null)
        {
            Console.WriteLine("large-object-heap allocation samples by type (one per ~100 KB): " +
                string.Join(", ", largeAllocations.Top(8).Select(t => $"{t.Type} {t.Samples:N0}")));
        }
        await app.StopAsync();
        return totalErrors == 0 ? 0 : 1;
    }

    private static async Task ClientLoopAsync(HttpClient http, SoakBenchmarkOptions options, string run, int client, int items,
        IntervalSamples samples, Func<long> nextEvent, CancellationToken stop)
    {
        var random = new Random(client);
        var body = new StringBuilder();
        while (!stop.IsCancellationRequested)
        {
            var user = random.Next(options.Users);
            var postEvents = random.NextDouble() < options.EventShare;
            var started = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                HttpResponseMessage response;
                if (postEvents)
                {
                    body.Clear();
                    var now = DateTimeOffset.UtcNow;
                    for (var k = 0; k < options.EventsPerBatch; k++)
                    {
                        body.Append(Event(run, nextEvent(), random.Next(options.Users), random.Next(items), now)).Append('\n');
                    }
                    using var content = new StringContent(body.ToString(), Encoding.UTF8);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                    response = await http.PostAsync("/api/events", content, stop);
                }
                else
                {
                    response = await http.GetAsync($"/api/users/soak-u{user}/recommendations?count=10", stop);
                }
                using (response)
                {
                    await response.Content.LoadIntoBufferAsync(stop);
                    if (!response.IsSuccessStatusCode)
                    {
                        error = $"{(int)response.StatusCode} {(postEvents ? "POST /api/events" : "GET recommendations")}: {await response.Content.ReadAsStringAsync(stop)}";
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            samples.Add(Stopwatch.GetTimestamp() - started, postEvents ? options.EventsPerBatch : 0, error);
        }
    }

    /// <summary>
    /// Mean stored profile size of up to 50 users: profiles grow (recent events, impressions, seen event ids) until
    /// their limits (ProfileLimits), and the cost and buffers of every request grow with them, so memory can only level
    /// off once they have.
    /// </summary>
    private static async Task<double> MeanProfileKiBAsync(IProfileStore profiles, int users)
    {
        var sample = Enumerable.Range(0, Math.Min(users, 50)).Select(u => $"soak-u{u * Math.Max(1, users / 50)}").ToArray();
        var found = await profiles.GetManyAsync(sample);
        return found.Count == 0 ? 0 : found.Values.Average(p => JsonSerializer.SerializeToUtf8Bytes(p.Profile, LongviewJson.Options).Length) / 1024.0;
    }

    private static string Event(string run, long n, int user, int item, DateTimeOffset at)
    {
        var type = (n % 10) switch { 0 => "purchase", < 4 => "click", _ => "view" };
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"eventId":"soak-{{run}}-{{n}}","userId":"soak-u{{user}}","itemId":"soak-i{{item}}","type":"{{type}}","timestamp":"{{at:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""");
    }

    private static async Task PostAsync(HttpClient http, string route, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync(route, content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"soak preparation: {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Least-squares slope of RSS over time, MiB per minute; NaN with fewer than two points.</summary>
    private static double Slope(IReadOnlyList<(double Minutes, double MiB)> points)
    {
        if (points.Count < 2)
        {
            return double.NaN;
        }
        var meanX = points.Average(p => p.Minutes);
        var meanY = points.Average(p => p.MiB);
        var sxx = points.Sum(p => (p.Minutes - meanX) * (p.Minutes - meanX));
        return sxx == 0 ? double.NaN : points.Sum(p => (p.Minutes - meanX) * (p.MiB - meanY)) / sxx;
    }

    /// <summary>The samples of the current interval; <see cref="Swap"/> hands them over and starts the next.</summary>
    private sealed class IntervalSamples
    {
        private readonly Lock _lock = new();
        private List<long> _latencies = new(64 * 1024);
        private long _recommendations, _events, _errors;
        private string? _firstError;
        private long _since = Stopwatch.GetTimestamp();

        public void Add(long ticks, int events, string? error)
        {
            lock (_lock)
            {
                _latencies.Add(ticks);
                if (events == 0)
                {
                    _recommendations++;
                }
                _events += events;
                if (error is not null)
                {
                    _errors++;
                    _firstError ??= error.Length > 300 ? error[..300] : error;
                }
            }
        }

        public (long[] Latencies, long Recommendations, long Events, long Errors, string? FirstError, double Seconds) Swap()
        {
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                var result = (_latencies.ToArray(), _recommendations, _events, _errors, _firstError, Stopwatch.GetElapsedTime(_since, now).TotalSeconds);
                _latencies.Clear();
                (_recommendations, _events, _errors, _firstError, _since) = (0, 0, 0, null, now);
                return result;
            }
        }
    }
}
