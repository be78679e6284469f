using System.Diagnostics;
using Longview.Core.Import;
using Longview.Core.Ports;
using Longview.Infrastructure.Onnx;
using Longview.Local.Hosting;
using Longview.Local.Import;
using Longview.Local.Serving;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Benchmarks.Serve;

/// <summary><c>./dev bench serve --model DIR</c>: (a) the model alone, ORT vs PyTorch eager; (b) loopback HTTP load on the self-hosted app.</summary>
internal static class ServeBenchmark
{
    public static async Task<int> RunAsync(ServeBenchmarkOptions options)
    {
        var dataset = Path.Combine(BenchmarkData.Root(), "ml-1m");
        if (!File.Exists(Path.Combine(dataset, "ratings.dat")))
        {
            Console.WriteLine($"SKIPPED serve benchmark: {dataset}/ratings.dat not found (set LONGVIEW_SHARED_DATA)");
            return 0;
        }
        if (options.Model is null || !File.Exists(Path.Combine(options.Model, "model.onnx")))
        {
            Console.WriteLine("serve benchmark needs --model <folder> with the training job's output for ml-1m (manifest.json, model.onnx), e.g.");
            Console.WriteLine("  OPENBLAS_NUM_THREADS=1 PYTHONPATH=training /usr/bin/python3 -m longview_training train --snapshot <ml-1m snapshot> --out /tmp/ml1m-model --threads 1 --max-minutes 5");
            return 2;
        }
        var modelFolder = Path.GetFullPath(options.Model);
        var dataFolder = Path.Combine(Path.GetTempPath(), "longview-bench", "serve-" + Guid.NewGuid().ToString("n"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Latencies.LoadAverage()}");
        try
        {
            await using (var services = new ServiceCollection().AddLogging().AddLongviewLocal(dataFolder).AddOnnxServing().BuildServiceProvider())
            {
                var version = await ModelFolderInstaller.InstallAsync(services.GetRequiredService<IBlobStore>(), modelFolder, DateTimeOffset.UtcNow, CancellationToken.None);
                var provider = services.GetRequiredService<OnnxModelProvider>();
                if (await provider.RefreshAsync(CancellationToken.None) != ModelRefreshOutcome.Loaded)
                {
                    Console.WriteLine($"model {version} was refused by the provider");
                    return 1;
                }
                if (options.Only != "http")
                {
                    using var lease = provider.Acquire()!;
                    Console.WriteLine($"(a) model only: {version}, {lease.ItemCount:N0} items, maxLength {lease.MaxLength}; ORT CPU, IntraOpNumThreads 1, batch 1");
                    var histories = Histories(dataset, lease);
                    foreach (var length in new int?[] { 50, Math.Min(200, lease.MaxLength), null })
                    {
                        ModelBenchmark.Run(lease, histories, length, options.Calls, modelFolder, RepositoryRoot());
                    }
                }
                if (options.Only != "model")
                {
                    var clock = Stopwatch.StartNew();
                    var summary = await services.GetRequiredService<DatasetImporter>().ImportAsync(new ImportOptions(dataset, "ml-1m"), null, CancellationToken.None);
                    Console.WriteLine($"(b) end to end: imported ml-1m ({summary.Items:N0} items, {summary.Accepted:N0} events) into SQLite in {clock.Elapsed.TotalSeconds:F0}s");
                }
            }
            SqliteConnection.ClearAllPools();
            if (options.Only != "model")
            {
                await HttpAsync(dataFolder, options);
            }
            return 0;
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

    private static async Task HttpAsync(string dataFolder, ServeBenchmarkOptions options)
    {
        var host = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = dataFolder,
            SeedWhenEmpty = false,
            Serving = new LocalServingOptions { LogImpressions = options.Impressions },
        };
        await using var app = LocalWebApp.Create(host, logging => logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using (var probe = new HttpClient { BaseAddress = address })
        {
            for (var i = 0; i < 200 && (await probe.GetStringAsync("/api/health")).Contains("\"model\":\"fallback\"", StringComparison.Ordinal); i++)
            {
                await Task.Delay(100);
            }
            Console.WriteLine($"  Kestrel on {address}, health {await probe.GetStringAsync("/api/health")}, impression logging {(options.Impressions ? "on (default)" : "off")}");
        }
        var users = new List<string>();
        await foreach (var profile in app.Services.GetRequiredService<IProfileStore>().ScanAsync())
        {
            users.Add(profile.UserId);
        }
        await BreakdownAsync(app.Services, users);
        await HttpLoad.RunAsync(address, users, options.Clients, options.Requests, TimeSpan.FromSeconds(options.Seconds));
        await app.StopAsync();
    }

    /// <summary>Where one request's time goes, in process and sequentially: the profile read, then the rest of the service.</summary>
    private static async Task BreakdownAsync(IServiceProvider services, List<string> users)
    {
        var profiles = services.GetRequiredService<IProfileStore>();
        var recommendations = services.GetRequiredService<Core.Serving.RecommendationService>();
        var catalogue = await services.GetRequiredService<Core.Serving.Catalog.CatalogSnapshotCache>().GetAsync(CancellationToken.None);
        var n = Math.Min(2_000, users.Count);
        var read = new long[n];
        var recommend = new long[n];
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var stored = await profiles.GetAsync(users[i]);
            var middle = Stopwatch.GetTimestamp();
            recommendations.Recommend(users[i], stored?.Profile, catalogue, new Core.Serving.RecommendationRequest());
            read[i] = middle - start;
            recommend[i] = Stopwatch.GetTimestamp() - middle;
        }
        Console.WriteLine($"  in process, sequential, {n:N0} users: profile read (SQLite + JSON) p50 {Latencies.Percentile(read, 50):F3} ms p99 {Latencies.Percentile(read, 99):F3} ms; " +
                          $"RecommendationService.Recommend (model, candidates, re-rank) p50 {Latencies.Percentile(recommend, 50):F3} ms p99 {Latencies.Percentile(recommend, 99):F3} ms");
    }

    /// <summary>Each ml-1m user's items, oldest first, as vocabulary indices (unknown items skipped).</summary>
    private static List<int[]> Histories(string dataset, Core.Serving.Models.IModelLease lease)
    {
        var format = new MovieLens1MFormat();
        var byUser = new Dictionary<string, List<(long Ticks, string Item)>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(dataset, format.EventsFile), format.Encoding))
        {
            if (format.ParseEvent(line).Value is { ItemId: { } item } e)
            {
                if (!byUser.TryGetValue(e.UserId, out var list))
                {
                    byUser[e.UserId] = list = [];
                }
                list.Add((e.Timestamp.UtcTicks, item));
            }
        }
        return byUser.Values
            .Select(events => events.OrderBy(e => e.Ticks).ThenBy(e => e.Item, StringComparer.Ordinal).Select(e => lease.IndexOf(e.Item)).Where(i => i > 0).ToArray())
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Serverless.sln above {AppContext.BaseDirectory}");
    }
}
