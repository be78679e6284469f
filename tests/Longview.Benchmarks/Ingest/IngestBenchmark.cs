using System.Diagnostics;
using System.Text.Json;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Serialization;
using Longview.Infrastructure.Cosmos;
using Longview.Infrastructure.Embedded;
using Longview.Local.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Benchmarks.Ingest;

/// <summary>
/// Replays ml-1m/ratings.dat as NDJSON bodies through <see cref="EventIngestion"/>'s body overload (the code path of
/// POST /api/events, minus Kestrel) into the SQLite store in a temp folder: parsing, validation, aggregation, writes.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(IngestBenchmarkOptions options)
    {
        var folder = Path.Combine(BenchmarkData.Root(), "ml-1m");
        var ratings = Path.Combine(folder, "ratings.dat");
        if (!File.Exists(ratings))
        {
            Console.WriteLine($"SKIPPED ingest benchmark: {ratings} not found (set LONGVIEW_SHARED_DATA)");
            return 0;
        }
        var format = new MovieLens1MFormat();
        var prep = Stopwatch.StartNew();
        var items = (await File.ReadAllLinesAsync(Path.Combine(folder, "movies.dat"), format.Encoding))
            .Select(line => format.ParseItem(line).Value).OfType<CatalogItem>().ToList();
        var bodies = NdjsonBodies(ratings, format, options.BatchSize, options.Limit, out var total);
        Console.WriteLine($"prepared {total:N0} events in {bodies.Count:N0} NDJSON bodies of up to {options.BatchSize:N0} ({bodies.Sum(b => (long)b.Body.Length) / 1e6:F1} MB) in {prep.Elapsed.TotalSeconds:F1}s");

        var dataFolder = options.DataFolder ?? Path.Combine(Path.GetTempPath(), "longview-bench", Guid.NewGuid().ToString("n"));
        var serviceCollection = new ServiceCollection().AddLogging().AddLongviewLocal(dataFolder);
        serviceCollection.Configure<EmbeddedStoreOptions>(o => o.Synchronous = options.Synchronous);
        if (options.Store == IngestBenchmarkOptions.CosmosEmulator)
        {
            var endpoint = Environment.GetEnvironmentVariable("LONGVIEW_TEST_COSMOS_ENDPOINT");
            if (string.IsNullOrEmpty(endpoint))
            {
                Console.WriteLine("--store cosmos-emulator needs the emulator: run it as ./dev bench ingest --store cosmos-emulator (LONGVIEW_TEST_COSMOS_ENDPOINT is not set)");
                return 2;
            }
            var database = "bench-" + Guid.NewGuid().ToString("n");
            // Registered after the embedded stores, so IProfileStore and IItemCatalog resolve to Cosmos.
            serviceCollection.AddCosmosStores(o =>
            {
                o.ForEmulator(new Uri(endpoint), Environment.GetEnvironmentVariable("LONGVIEW_TEST_COSMOS_KEY") ?? "");
                o.DatabaseName = database;
            });
            Console.WriteLine($"store: Cosmos emulator at {endpoint}, database {database} (the emulator bounds this figure: one Node.js thread, in memory)");
        }
        else
        {
            Console.WriteLine($"store: SQLite in {dataFolder}, synchronous={options.Synchronous.ToString().ToUpperInvariant()} (WAL)");
        }
        await using (var services = serviceCollection.BuildServiceProvider())
        {
            await services.GetRequiredService<ItemIngestion>().UpsertAsync(items);
            var ingestion = services.GetRequiredService<EventIngestion>();
            long accepted = 0, duplicates = 0, rejected = 0, sent = 0;
            var gcBefore = GC.CollectionCount(0);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var loadBefore = LoadAverage();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            // The catalogue upsert above is preparation: only requests made while timing count toward RU per event.
            var charges = services.GetService<CosmosRequestCharges>();
            var (requestsBefore, requestUnitsBefore) = (charges?.Operations ?? 0, charges?.TotalRequestUnits ?? 0);
            var clock = Stopwatch.StartNew();
            var nextReport = 50_000L;
            foreach (var (body, count) in bodies)
            {
                var outcome = await ingestion.IngestAsync(body);
                if (outcome.Failure is { } failure)
                {
                    Console.WriteLine($"body refused: {failure.Status} {failure.Title}: {failure.Detail}");
                    return 1;
                }
                var report = outcome.Report!;
                accepted += report.Accepted;
                duplicates += report.Duplicates;
                rejected += report.Rejected.Count;
                sent += count;
                if (sent >= nextReport)
                {
                    Console.WriteLine($"  {sent,9:N0} events  {sent / clock.Elapsed.TotalSeconds,9:N0} events/s");
                    nextReport += 50_000;
                }
            }
            var elapsed = clock.Elapsed;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine();
            Console.WriteLine($"events      {sent:N0} ({accepted:N0} accepted, {duplicates:N0} duplicates, {rejected:N0} rejected)");
            Console.WriteLine($"total time  {elapsed.TotalSeconds:F2} s");
            Console.WriteLine($"throughput  {sent / elapsed.TotalSeconds:N0} events/s");
            Console.WriteLine($"cpu time    {cpu.TotalSeconds:F2} s of this process ({sent / cpu.TotalSeconds:N0} events per CPU-second; less sensitive than wall time to other load)");
            Console.WriteLine($"peak memory {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB (Process.PeakWorkingSet64, includes the {bodies.Sum(b => (long)b.Body.Length) / (1024.0 * 1024):N0} MiB of prepared bodies)");
            Console.WriteLine($"allocated   {(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / (1024.0 * 1024):N0} MiB during ingest, {GC.CollectionCount(0) - gcBefore} gen0 GCs");
            if (charges is not null)
            {
                // The emulator answers every request with a charge of 1, so these are request counts, not Azure RUs.
                Console.WriteLine($"cosmos      {charges.Operations - requestsBefore:N0} requests while timing, {(charges.TotalRequestUnits - requestUnitsBefore) / Math.Max(sent, 1):F3} RU-equivalents per event (the emulator charges 1 per request)");
            }
            Console.WriteLine($"machine     {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {loadBefore} before / {LoadAverage()} after");
        }
        SqliteConnection.ClearAllPools();
        if (options.DataFolder is null && Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        return 0;
    }

    /// <summary>The 1-minute load average (Linux), to judge how much other work shared the cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>The ratings as contract events in NDJSON, cut into bodies of <paramref name="batchSize"/> events (what a producer would POST).</summary>
    private static List<(byte[] Body, int Count)> NdjsonBodies(string path, MovieLens1MFormat format, int batchSize, int limit, out int total)
    {
        var bodies = new List<(byte[], int)>();
        using var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer);
        var inBody = 0;
        total = 0;
        foreach (var line in File.ReadLines(path, format.Encoding))
        {
            if (total == limit)
            {
                break;
            }
            if (format.ParseEvent(line).Value is not { } e)
            {
                continue;
            }
            JsonSerializer.Serialize(writer, e, LongviewJson.Options);
            writer.Flush();
            writer.Reset();
            buffer.WriteByte((byte)'\n');
            total++;
            if (++inBody == batchSize)
            {
                bodies.Add((buffer.ToArray(), inBody));
                buffer.SetLength(0);
                inBody = 0;
            }
        }
        if (inBody > 0)
        {
            bodies.Add((buffer.ToArray(), inBody));
        }
        return bodies;
    }
}
