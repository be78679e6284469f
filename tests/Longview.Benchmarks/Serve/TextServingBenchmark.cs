using System.Diagnostics;
using System.Globalization;
using System.Text;
using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Semantics;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Infrastructure.Onnx;
using Longview.Infrastructure.Semantics;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// <c>./dev bench text-serve --model DIR [--embeddings FILE] [--users N] [--requests R]</c>: the serving cost of new items scored from their
/// text (issue 16). The model (a training job output with <c>text_projection.bin</c>) knows the ml-1m movies that had
/// ratings; the others are the "new" items: posted now, encoded once before timing (never on the request path). The
/// same <see cref="RecommendationService"/> serves the same ml-1m users in process over two catalogue snapshots, in
/// alternating blocks (so load drifts hit both alike): without embeddings (today's new-item slots only) and with the
/// new items' embeddings (each scored by the model from its text per request). Prints p50/p99 wall time and CPU per
/// request (thread CPU clock) for each row, and how many lists hold a text-scored new item. With <c>--embeddings</c>
/// (<c>longview embed --export</c>'s item_embeddings.ndjson.gz of the same encoder) the known items carry embeddings too, as
/// in a deployment where every item is encoded: reasons then compare meanings ("because you liked X") in both rows.
/// </summary>
public static class TextServingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var modelFolder = Value(args, "--model");
        var userCount = Option(args, "--users", 600);
        var requests = Option(args, "--requests", 4_000);
        var dataset = Path.Combine(BenchmarkData.Root(), "ml-1m");
        if (!File.Exists(Path.Combine(dataset, "ratings.dat")))
        {
            Console.WriteLine($"SKIPPED text-serve benchmark: {dataset}/ratings.dat not found (set LONGVIEW_SHARED_DATA)");
            return 0;
        }
        if (modelFolder is null || !File.Exists(Path.Combine(modelFolder, "text_projection.bin")))
        {
            Console.WriteLine("text-serve needs --model <folder>: a training job output for ml-1m trained with --item-embeddings (text_projection.bin); see training/README.md, \"Text projection\"");
            return 2;
        }
        var dataFolder = Path.Combine(Path.GetTempPath(), "longview-bench", "text-serve-" + Guid.NewGuid().ToString("n"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Latencies.LoadAverage()}");
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(dataFolder).AddOnnxServing().BuildServiceProvider();
            var version = await ModelFolderInstaller.InstallAsync(services.GetRequiredService<IBlobStore>(), Path.GetFullPath(modelFolder), DateTimeOffset.UtcNow, CancellationToken.None);
            var provider = services.GetRequiredService<OnnxModelProvider>();
            if (await provider.RefreshAsync(CancellationToken.None) != ModelRefreshOutcome.Loaded)
            {
                Console.WriteLine($"model {version} was refused by the provider");
                return 1;
            }
            var clock = Stopwatch.StartNew();
            var format = new MovieLens1MFormat();
            var now = DateTimeOffset.UtcNow;
            List<CatalogItem> items;
            List<CatalogItem> unknown;
            using (var lease = provider.Acquire()!)
            {
                if (lease.Text is not { } projection)
                {
                    Console.WriteLine($"model {version} has no text projection");
                    return 2;
                }
                var parsed = File.ReadLines(Path.Combine(dataset, "movies.dat"), Encoding.Latin1).Select(format.ParseItem).Where(p => p.Value is not null).Select(p => p.Value!).ToList();
                // Items the model never saw are the new ones, posted now.
                items = [.. parsed.Select(i => lease.IndexOf(i.ItemId) > 0 ? i : i with { CreatedAt = now })];
                unknown = [.. items.Where(i => lease.IndexOf(i.ItemId) <= 0)];
                Console.WriteLine($"model {version}: {lease.ItemCount:N0} items, text projection of {projection.Encoder}; catalogue {items.Count:N0} ml-1m movies, {unknown.Count:N0} unknown to the model (the new items)");
            }
            using var encoder = new ArcticXsTextEncoder(Options.Create(new TextEncoderOptions { IntraOpThreads = 1 }), NullLogger<ArcticXsTextEncoder>.Instance);
            var embeddings = new Dictionary<string, ItemEmbedding>(StringComparer.Ordinal);
            foreach (var batch in unknown.Chunk(32))
            {
                var vectors = encoder.Encode([.. batch.Select(ItemText.Compose)]);
                for (var i = 0; i < batch.Length; i++)
                {
                    embeddings[batch[i].ItemId] = new ItemEmbedding(batch[i].ItemId, encoder.Id, ItemText.HashOf(batch[i]), vectors[i], now);
                }
            }
            Console.WriteLine($"encoded the {unknown.Count:N0} new items in {clock.Elapsed.TotalSeconds:F0} s (before timing; never on the request path)");
            if (Value(args, "--embeddings") is { } file)
            {
                var byId = items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
                await using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
                using var reader = new StreamReader(gzip);
                var known = 0;
                while (await reader.ReadLineAsync() is { } line)
                {
                    using var json = System.Text.Json.JsonDocument.Parse(line);
                    var id = json.RootElement.GetProperty("itemId").GetString()!;
                    if (json.RootElement.GetProperty("encoder").GetString() == encoder.Id && byId.TryGetValue(id, out var item) && !embeddings.ContainsKey(id))
                    {
                        embeddings[id] = new ItemEmbedding(id, encoder.Id, ItemText.HashOf(item), [.. json.RootElement.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle())], now);
                        known++;
                    }
                }
                Console.WriteLine($"{known:N0} known items' embeddings read from {file}");
            }
            var withText = new CatalogSnapshot(items, encoder.Id, embeddings);
            // Known items keep their embeddings (reasons); only the new items' are left out, so the model cannot score them.
            var withoutText = new CatalogSnapshot(items, encoder.Id, embeddings.Where(e => !unknown.Any(u => u.ItemId == e.Key)).ToDictionary());

            clock.Restart();
            var profiles = await ProfilesAsync(services, dataset, format, userCount);
            Console.WriteLine($"{profiles.Count:N0} ml-1m users ingested in {clock.Elapsed.TotalSeconds:F0} s");

            PoolEntry(provider, withText, profiles);
            var service = services.GetRequiredService<RecommendationService>();
            var request = new RecommendationRequest(10, Explain: true);
            var unknownIds = unknown.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
            var rows = new[] { new Row("without text (new items in exploration slots only)", withoutText), new Row("with text-scored new items in the pool", withText) };
            foreach (var row in rows)
            {
                for (var i = 0; i < 200; i++)
                {
                    service.Recommend(profiles[i % profiles.Count].UserId, profiles[i % profiles.Count], row.Snapshot, request);
                }
            }
            const int Block = 250;
            for (var done = 0; done < requests; done += Block)
            {
                foreach (var row in rows)
                {
                    for (var i = done; i < Math.Min(requests, done + Block); i++)
                    {
                        var profile = profiles[i % profiles.Count];
                        var cpu = ThreadCpuClock.Nanoseconds();
                        var start = Stopwatch.GetTimestamp();
                        var recommendation = service.Recommend(profile.UserId, profile, row.Snapshot, request);
                        row.Ticks.Add(Stopwatch.GetTimestamp() - start);
                        row.CpuNs += ThreadCpuClock.Nanoseconds() - cpu;
                        // A new item placed from the model's pool (text-scored), not from an exploration slot (which names a
                        // liked item too when the new item is text-scored).
                        var fromText = recommendation.Items.Where((it, i) => unknownIds.Contains(it.ItemId) && recommendation.ReasonTypes?[i] == Longview.Core.Outcomes.ReasonType.Model).Count();
                        row.ListsWithText += fromText > 0 ? 1 : 0;
                        row.ListsWithNew += recommendation.Items.Any(it => unknownIds.Contains(it.ItemId)) ? 1 : 0;
                        row.ModelServed += recommendation.ModelVersion != RecommendationService.FallbackVersion && recommendation.Items.Any(it => it.Reason is { } r && !r.StartsWith("popular", StringComparison.Ordinal)) ? 1 : 0;
                    }
                }
            }
            Console.WriteLine($"serving in process, one thread, {requests:N0} requests per row (count 10, explain), {profiles.Count:N0} users cycled, rows interleaved in blocks of {Block}; load average {Latencies.LoadAverage()}");
            foreach (var row in rows)
            {
                var ticks = row.Ticks.ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {row.Name,-52} p50 {Latencies.Percentile(ticks, 50):F3} ms  p99 {Latencies.Percentile(ticks, 99):F3} ms  CPU {row.CpuNs / 1e6 / ticks.Length:F3} ms/request  lists with a new item {row.ListsWithNew * 100.0 / ticks.Length:F1} %, with a text-scored one {row.ListsWithText * 100.0 / ticks.Length:F1} % (model-served lists {row.ModelServed * 100.0 / ticks.Length:F0} %)"));
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

    /// <summary>How often the best text-scored new item beats the pool's weakest model candidate (the bar to join it), and its rank among the known items.</summary>
    private static void PoolEntry(OnnxModelProvider provider, CatalogSnapshot snapshot, List<UserProfile> profiles)
    {
        using var lease = provider.Acquire()!;
        var projection = lease.Text!;
        var text = TextScoredItems.Build(snapshot, projection, id => lease.IndexOf(id) > 0, 5_000);
        var pool = new RecommendationOptions().MinCandidates;
        var scores = new float[lease.ItemCount + 1];
        var sequence = new int[lease.MaxLength];
        var state = new float[projection.Dimensions];
        int users = 0, above = 0;
        var ranks = new List<int>();
        foreach (var profile in profiles)
        {
            var length = RecommendationService.MapHistory(lease, profile.Recent, sequence);
            if (length < 2)
            {
                continue;
            }
            lease.Score(sequence.AsSpan(lease.MaxLength - length, length), scores);
            projection.RecoverState(scores, state);
            var best = Enumerable.Range(0, text.Count).Max(i => TextProjection.Score(state, text.Vectors[i]));
            var known = scores.Skip(1).OrderDescending().ToArray();
            users++;
            above += best > known[Math.Min(pool, known.Length) - 1] ? 1 : 0;
            ranks.Add(known.Count(k => k > best) + 1);
        }
        ranks.Sort();
        Console.WriteLine($"pool entry: the best of {text.Count:N0} text-scored new items beats the weakest of the {pool} model candidates for {above:N0} of {users:N0} users; its rank among {lease.ItemCount:N0} known items: median {ranks[ranks.Count / 2]:N0}, best {ranks[0]:N0}");
    }

    private sealed class Row(string name, CatalogSnapshot snapshot)
    {
        public string Name { get; } = name;

        public CatalogSnapshot Snapshot { get; } = snapshot;

        public List<long> Ticks { get; } = [];

        public long CpuNs { get; set; }

        public int ListsWithText { get; set; }

        public int ListsWithNew { get; set; }

        public int ModelServed { get; set; }
    }

    /// <summary>The first <paramref name="users"/> users of ratings.dat (it is sorted by user), through the product's ingestion.</summary>
    private static async Task<List<UserProfile>> ProfilesAsync(IServiceProvider services, string dataset, MovieLens1MFormat format, int users)
    {
        var ingestion = services.GetRequiredService<EventIngestion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<UserEvent>(5_000);
        foreach (var line in File.ReadLines(Path.Combine(dataset, "ratings.dat"), Encoding.Latin1))
        {
            if (format.ParseEvent(line).Value is not { } e)
            {
                continue;
            }
            if (seen.Add(e.UserId) && seen.Count > users)
            {
                break;
            }
            batch.Add(e);
            if (batch.Count == batch.Capacity)
            {
                await ingestion.IngestAsync(batch);
                batch.Clear();
            }
        }
        await ingestion.IngestAsync(batch);
        var store = services.GetRequiredService<IProfileStore>();
        var profiles = new List<UserProfile>();
        foreach (var userId in seen.Take(users))
        {
            if (await store.GetAsync(userId) is { } stored)
            {
                profiles.Add(stored.Profile);
            }
        }
        return profiles;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(Value(args, name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
