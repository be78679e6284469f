using System.Diagnostics;
using System.Text.Json;
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
        double? modelMsPerCall = null;
        var summary = new ServeSummary();
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
                if (options.Only is not "http" and not "stages")
                {
                    using var lease = provider.Acquire()!;
                    using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(modelFolder, "manifest.json")));
                    var maxLength = manifest.RootElement.GetProperty("maxLength").GetInt32();
                    Console.WriteLine($"(a) model only: {version}, {lease.ItemCount:N0} items, maxLength {maxLength}, {ServingWindow(manifest.RootElement, lease.MaxLength)}; ORT CPU, IntraOpNumThreads 1, batch 1");
                    var histories = Histories(dataset, lease);
                    foreach (var length in new int?[] { 50, Math.Min(200, maxLength), null })
                    {
                        // The last row is every user's own history: the users the HTTP rows serve.
                        var row = ModelBenchmark.Run(lease, maxLength, histories, length, options.Calls, modelFolder, RepositoryRoot());
                        modelMsPerCall = row?.CpuMs;
                        if (length == Math.Min(200, maxLength))
                        {
                            summary.LongRowEagerRatio = row?.EagerRatio;
                        }
                    }
                    summary.ModelCpuMsPerCall = modelMsPerCall;
                }
                if (options.Only != "model")
                {
                    var clock = Stopwatch.StartNew();
                    var imported = await services.GetRequiredService<DatasetImporter>().ImportAsync(new ImportOptions(dataset, "ml-1m"), null, CancellationToken.None);
                    Console.WriteLine($"(b) end to end: imported ml-1m ({imported.Items:N0} items, {imported.Accepted:N0} events) into SQLite in {clock.Elapsed.TotalSeconds:F0}s");
                }
            }
            SqliteConnection.ClearAllPools();
            if (options.Only != "model")
            {
                await HttpAsync(dataFolder, modelFolder, dataset, options, modelMsPerCall, summary);
            }
            summary.Print();
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

    private static async Task HttpAsync(string dataFolder, string modelFolder, string dataset, ServeBenchmarkOptions options, double? modelMsPerCall, ServeSummary summary)
    {
        var users = new List<string>();
        string profileDatabase;
        // In process first: the stage breakdown, on the app's own services (its HTTP side is not used here).
        var host = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = dataFolder,
            SeedWhenEmpty = false,
            Serving = new LocalServingOptions { LogImpressions = false },
        };
        await using (var app = LocalWebApp.Create(host, logging => logging.ClearProviders()))
        {
            await app.StartAsync();
            var models = app.Services.GetRequiredService<Core.Serving.Models.IModelSource>();
            for (var i = 0; i < 200; i++)
            {
                using var lease = models.Acquire();
                if (lease is not null)
                {
                    break;
                }
                await Task.Delay(100);
            }
            await foreach (var profile in app.Services.GetRequiredService<IProfileStore>().ScanAsync())
            {
                users.Add(profile.UserId);
            }
            await EmbedItemsAsync(app.Services);
            profileDatabase = Directory.GetFiles(dataFolder, "profiles.db", SearchOption.AllDirectories).Single();
            if (options.FillLists > 0)
            {
                // Before the breakdown, so it too measures profiles in a long-running service's state.
                var items = new List<string>();
                await foreach (var item in app.Services.GetRequiredService<IItemCatalog>().ScanAsync())
                {
                    items.Add(item.ItemId);
                }
                await ProfileFill.RunAsync(app.Services.GetRequiredService<Core.Ingestion.EventIngestion>(), users, items, options.FillLists, profileDatabase);
            }
            await StageBreakdown.RunAsync(app.Services, profileDatabase, users, 1_000);
            await app.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        if (options.Only == "stages")
        {
            return;
        }

        // Then each server in its own process on the same data folder, under the same client load, each starting from
        // the folder as the stage breakdown left it; the model timed again around each of their rows.
        using var start = new DataFolderSnapshot(dataFolder);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(modelFolder, "manifest.json")));
        await using var clock = await ModelClock.StartAsync(modelFolder, manifest.RootElement.GetProperty("maxLength").GetInt32(), lease => Histories(dataset, lease));
        if (options.Baseline is { } baseline && options.Alternate == 0)
        {
            // No CPU target for it: it serves the whole history (it predates the serving window), not the model timed in (a).
            await LongviewAsync(dataFolder, users, options, null, null, new Dictionary<string, string>(), baseline);
            start.Restore();
        }
        var body = Path.Combine(dataFolder, "floor-response.json");
        IReadOnlyList<HttpLoad.Level> longview = await LongviewAsync(dataFolder, users, options, modelMsPerCall, clock, new Dictionary<string, string>(), responseFile: body);
        summary.Longview = longview;
        if (options.Floor)
        {
            summary.Floor = await FloorAsync(body, users, options);
        }
        if (options.Variant is { } variant && options.Alternate == 0)
        {
            start.Restore();
            await LongviewAsync(dataFolder, users, options, modelMsPerCall, clock, variant);
        }
        if (options.Alternate > 0 && (options.Variant is not null || options.Baseline is not null))
        {
            await AlternatedAsync(start, dataFolder, users, options);
        }
        if (options.Peer)
        {
            start.Restore();
            summary.Peer = await PeerAsync(modelFolder, profileDatabase, users, options, modelMsPerCall, clock, longview);
        }
    }

    /// <summary>
    /// The items' text embeddings as a long-running service has them, before anything is measured. A server encodes the
    /// items it lacks embeddings for a minute after it starts (<c>SemanticOptions.InitialSweepDelay</c>): without this, every
    /// server of the bench ran that backfill (3,883 ml-1m titles; the servers ran at 140-180 % CPU for ~40 s) in the middle
    /// of its rows, and served the items from their text only from then on (issue 18, ninth pass).
    /// </summary>
    private static async Task EmbedItemsAsync(IServiceProvider services)
    {
        var sweep = services.GetRequiredService<Core.Semantics.ItemEmbeddingSweep>();
        var clock = Stopwatch.StartNew();
        var encoded = 0;
        try
        {
            for (var pass = 0; pass < 100; pass++)
            {
                var report = await sweep.RunAsync();
                encoded += report.Encoded;
                if (report.Encoded == 0)
                {
                    break;
                }
            }
            Console.WriteLine($"  item text embeddings: {encoded:N0} items encoded in {clock.Elapsed.TotalSeconds:F0} s before the measurements (the servers start with them)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.WriteLine($"  item text embeddings: not encoded ({ex.GetType().Name}: {ex.Message}); the servers will encode them a minute after they start, inside the rows");
        }
    }

    /// <summary>
    /// The self-hosted app as shipped (<c>longview serve</c>) in its own process, with these environment settings added;
    /// <paramref name="app"/> names another build's longview.dll (an earlier commit, for a before/after in one run).
    /// </summary>
    private static async Task<IReadOnlyList<HttpLoad.Level>> LongviewAsync(string dataFolder, List<string> users, ServeBenchmarkOptions options, double? modelMsPerCall, ModelClock? clock,
        IReadOnlyDictionary<string, string> settings, string? app = null, string? responseFile = null)
    {
        var profiled = options.Perf && ServerProfile.Available && app is null && settings.Count == 0;
        var shipped = ShippedEnvironment.Read(RepositoryRoot());
        IReadOnlyList<HttpLoad.Level> levels;
        GcCounters? gc;
        await using (var server = await StartLongviewAsync(dataFolder, shipped, profiled ? settings.Concat(ServerProfile.ServerEnvironment) : settings, app))
        {
            gc = await GcCounters.StartAsync(server.Id, dataFolder, RepositoryRoot());
            levels = await LoadAsync(server, users, options, modelMsPerCall, clock, settings, shipped, app, responseFile, profiled);
            if (gc is not null)
            {
                await gc.StopAsync();
            }
        }
        gc?.Print(levels);
        return levels;
    }

    /// <summary>
    /// <c>longview serve</c> of this build (or <paramref name="app"/>, another build's longview.dll) in its own process on
    /// <paramref name="dataFolder"/>, with the <paramref name="shipped"/> runtime settings (dotnet.env) and these settings added.
    /// </summary>
    private static async Task<ServerProcess> StartLongviewAsync(string dataFolder, IReadOnlyDictionary<string, string> shipped, IEnumerable<KeyValuePair<string, string>> settings,
        string? app)
    {
        var environment = new Dictionary<string, string>(shipped);
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }
        environment["Logging__LogLevel__Default"] = "Warning";
        // The daily training run (03:00 UTC by default) starts the Python job as a child process: a bench at that
        // hour measured it as 380 ms of server CPU per second. Moved to 1 January.
        environment["Longview__Training__Schedule"] = "0 0 0 1 1 *";
        return await ServerProcess.StartAsync("dotnet",
            [app ?? Path.Combine(AppContext.BaseDirectory, "longview.dll"), "serve", "--urls", "http://127.0.0.1:{port}", "--data", dataFolder, "--no-seed"],
            environment, "/api/health", TimeSpan.FromSeconds(120));
    }

    /// <summary>
    /// <c>--alternate N</c>: this build and the variant (or the baseline build) served side by side, each from its own copy
    /// of the start folder, their rows taken in turn (A B, then B A) for N rounds, so a VM that slows for a while slows
    /// both (<see cref="AlternatedRows"/>).
    /// </summary>
    private static async Task AlternatedAsync(DataFolderSnapshot start, string dataFolder, List<string> users, ServeBenchmarkOptions options)
    {
        var (folderA, folderB) = (dataFolder + "-a", dataFolder + "-b");
        start.CopyTo(folderA);
        start.CopyTo(folderB);
        try
        {
            const string labelA = "this build";
            // With both, B is the baseline build run with the variant's settings.
            var settingsB = options.Variant ?? new Dictionary<string, string>();
            var labelB = string.Join(", ", (options.Baseline is { } other ? [$"baseline {other}"] : Array.Empty<string>()).Concat(settingsB.Select(s => $"{s.Key}={s.Value}")));
            var shipped = ShippedEnvironment.Read(RepositoryRoot());
            await using var a = await StartLongviewAsync(folderA, shipped, [], null);
            await using var b = await StartLongviewAsync(folderB, shipped, settingsB, options.Baseline);
            Console.WriteLine($"  alternated servers: A = process {a.Id}, B = process {b.Id}, both started with {ShippedEnvironment.Describe(shipped)}");
            var gcA = await GcCounters.StartAsync(a.Id, folderA, RepositoryRoot());
            var gcB = await GcCounters.StartAsync(b.Id, folderB, RepositoryRoot());
            var pairs = await AlternatedRows.RunAsync(a, b, users, options);
            foreach (var (gc, label, levels) in new[] { (gcA, labelA, pairs.Select(p => p.A)), (gcB, labelB, pairs.Select(p => p.B)) })
            {
                if (gc is not null)
                {
                    await gc.StopAsync();
                    Console.WriteLine($"    {label}:");
                    gc.Print([.. levels]);
                }
            }
            AlternatedRows.Print(pairs, labelA, labelB);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { folderA, folderB })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<HttpLoad.Level>> LoadAsync(ServerProcess server, List<string> users, ServeBenchmarkOptions options, double? modelMsPerCall, ModelClock? clock,
        IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> shipped, string? app, string? responseFile, bool profiled)
    {
        using (var probe = new HttpClient { BaseAddress = server.Address })
        {
            for (var i = 0; i < 300 && (await probe.GetStringAsync("/api/health")).Contains("\"model\":\"fallback\"", StringComparison.Ordinal); i++)
            {
                await Task.Delay(100);
            }
            Console.WriteLine($"  Longview (process {server.Id}, dotnet {app ?? "longview.dll"} serve{string.Concat(settings.Select(s => $", {s.Key}={s.Value}"))}) on {server.Address}, health {await probe.GetStringAsync("/api/health")}, {ImpressionLogging(settings)}, {ShippedEnvironment.Describe(shipped)}");
        }
        var label = app is not null ? "Longview, baseline build" : settings.Count == 0 ? "Longview" : $"Longview with {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}";
        var levels = await HttpLoad.RunAsync(label, server.Address, users, options.Clients, options.Requests, TimeSpan.FromSeconds(options.Seconds), server.Cpu, modelMsPerCall, clock);
        if (responseFile is not null)
        {
            using var probe = new HttpClient { BaseAddress = server.Address };
            await File.WriteAllBytesAsync(responseFile, await probe.GetByteArrayAsync($"/api/users/{users[0]}/recommendations?count=10"));
        }
        if (profiled)
        {
            // At the 4-client target row when there is one: with 16 clients perf's own interrupts made ONNX Runtime read as
            // 60 % of the server's CPU (0.39 ms of a 0.65 ms request) where 4 clients showed 27-29 % and the unprofiled
            // rows no rise in CPU per request with clients at all.
            await HttpLoad.ProfiledRowAsync(server.Address, users, options.Clients.Contains(4) ? 4 : options.Clients.Max(), options.Requests, TimeSpan.FromSeconds(options.Seconds), server.Cpu,
                new ServerProfile(server.Id, Path.GetTempPath()));
        }
        else if (options.Perf && app is null && settings.Count == 0)
        {
            Console.WriteLine("    not profiled: /usr/bin/perf is not installed (Debian package linux-perf)");
        }
        return levels;
    }

    /// <summary>What a run's settings leave of impression logging (the serve verb logs impressions unless told not to).</summary>
    private static string ImpressionLogging(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue("Longview__Serving__LogImpressions", out var value) && bool.TryParse(value, out var on) && !on
            ? "impression logging off (this run's setting)"
            : "impression logging on (the serve verb's default)";

    /// <summary>
    /// The HTTP floor (<see cref="HttpFloorServer"/>): a bare ASP.NET Core server answering the same requests with the
    /// bytes Longview answered, under the same client load; no CPU target of its own.
    /// </summary>
    private static async Task<IReadOnlyList<HttpLoad.Level>> FloorAsync(string responseFile, List<string> users, ServeBenchmarkOptions options)
    {
        // With the app's GC settings: its runtimeconfig's (the bench's own) and the environment it ships with.
        await using var server = await ServerProcess.StartAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Longview.Benchmarks.dll"), "http-floor", "--urls", "http://127.0.0.1:{port}", "--body", responseFile],
            ShippedEnvironment.Read(RepositoryRoot()), "/api/health", TimeSpan.FromSeconds(60));
        Console.WriteLine($"  HTTP floor (process {server.Id}: Kestrel through WebApplication.CreateSlimBuilder, no middleware, the same {new FileInfo(responseFile).Length:N0}-byte response for every user) on {server.Address}");
        return await HttpLoad.RunAsync("HTTP floor", server.Address, users, options.Clients, options.Requests, TimeSpan.FromSeconds(options.Seconds), server.Cpu, null);
    }

    /// <summary>The same model by PyTorch behind FastAPI on uvicorn (torch_peer.py), same profiles, same client load.</summary>
    private static async Task<IReadOnlyList<HttpLoad.Level>?> PeerAsync(string modelFolder, string profileDatabase, List<string> users, ServeBenchmarkOptions options, double? modelMsPerCall, ModelClock? clock,
        IReadOnlyList<HttpLoad.Level> longview)
    {
        var serve = Path.Combine(RepositoryRoot(), "tests", "Longview.Benchmarks", "Serve");
        IReadOnlyList<HttpLoad.Level> peer;
        try
        {
            await using var server = await ServerProcess.StartAsync(ModelBenchmark.Python,
                ["-m", "uvicorn", "torch_peer:app", "--app-dir", serve, "--host", "127.0.0.1", "--port", "{port}",
                    "--workers", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "--log-level", "warning", "--no-access-log"],
                new Dictionary<string, string>
                {
                    ["LONGVIEW_REPO"] = RepositoryRoot(), ["LONGVIEW_MODEL_DIR"] = modelFolder, ["LONGVIEW_PROFILES_DB"] = profileDatabase,
                    ["OPENBLAS_NUM_THREADS"] = "1", ["OMP_NUM_THREADS"] = "1",
                },
                "/api/health", TimeSpan.FromSeconds(120));
            Console.WriteLine($"  Python peer (process {server.Id}: uvicorn with {Environment.ProcessorCount} worker processes, FastAPI, PyTorch eager) on {server.Address}");
            peer = await HttpLoad.RunAsync("Python peer", server.Address, users, options.Clients, options.Requests, TimeSpan.FromSeconds(options.Seconds), server.Cpu, modelMsPerCall, clock);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Console.WriteLine($"  Python peer: not measured ({ex.Message.Split('\n')[^1]})");
            return null;
        }
        // Closed loops: latency grows with the client count, so throughput compares at equal p99: for each peer row,
        // Longview's best throughput among its rows whose p99 is at most the peer row's.
        Console.WriteLine("  throughput at equal p99 (Longview's best row with p99 <= the peer row's):");
        foreach (var p in peer)
        {
            var best = longview.Where(l => l.P99 <= p.P99 && l.Errors == 0).MaxBy(l => l.RequestsPerSecond);
            Console.WriteLine(best is null
                ? $"    peer {p.Clients} clients: {p.RequestsPerSecond:N0} req/s at p99 {p.P99:F2} ms; no Longview row that fast"
                : $"    peer {p.Clients} clients: {p.RequestsPerSecond:N0} req/s at p99 {p.P99:F2} ms; Longview {best.RequestsPerSecond:N0} req/s at p99 {best.P99:F2} ms ({best.Clients} clients): {best.RequestsPerSecond / p.RequestsPerSecond:F1}x; server CPU per request {best.ServerCpuMsPerRequest:F3} vs {p.ServerCpuMsPerRequest:F3} ms");
        }
        return peer;
    }

    /// <summary>What the manifest says about the serving window (training/longview_training/serving_window.py).</summary>
    private static string ServingWindow(JsonElement manifest, int served)
    {
        if (!manifest.TryGetProperty("servingWindow", out var window))
        {
            return "no serving window (older manifest): the whole history is scored";
        }
        var measured = window.TryGetProperty("measured", out var m)
            ? string.Join(", ", m.EnumerateObject().Select(p => $"{p.Name} items {p.Value.GetDouble():F4}"))
            : "not recorded";
        return $"serving window {served} items (validation NDCG@10 by window: {measured}; tolerance {window.GetProperty("tolerance").GetDouble()})";
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
