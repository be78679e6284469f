using System.Diagnostics;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Lifecycle;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Longview.Core.Serialization;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Serving.Impressions;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// Where one request's CPU goes, stage by stage, in process and sequentially on one thread, each stage timed by the
/// thread's CPU clock (wall time on this shared machine is mostly other processes' preemption). The stages are
/// the product's own public pieces called in the order <see cref="RecommendationService"/> and the host call them:
/// the SQLite row read and the decode of the profile (CompactProfileEncoding), exclusions (consumed items + impression fatigue), the model
/// (history mapping + ONNX scoring), candidate generation (top-k with exclusions + candidate records), re-ranking, the
/// rest of <c>Recommend</c> (churn model, segment, new items, response records: its total minus the stages above),
/// the response JSON, and impression logging (impression events + ingestion onto the served profile + the SQLite
/// write). Allocation per stage (the GC's work) and the GC pause time per request are printed beside the times.
/// HTTP (Kestrel, routing, query parsing, sockets) is what the end-to-end server CPU per request adds to this sum.
/// </summary>
internal static class StageBreakdown
{
    public sealed record Result(double InProcessMsPerRequest, double ModelMsPerRequest);

    private const int WarmUpUsers = 500;
    private static readonly TimeSpan WarmUpSettle = TimeSpan.FromSeconds(1);

    private enum Stage { SqlRead, Parse, StoreRead, Exclusions, Model, Candidates, Rerank, Recommend, InnerModel, InnerChurn, Json, Impressions }

    public static async Task<Result> RunAsync(IServiceProvider services, string profileDatabase, IReadOnlyList<string> users, int count)
    {
        var store = services.GetRequiredService<IProfileStore>();
        // The app's service, built over a model source that adds up the model's CPU time inside each call.
        var timedModels = new TimedModelSource(services.GetRequiredService<IModelSource>());
        var service = ActivatorUtilities.CreateInstance<RecommendationService>(services, (IModelSource)timedModels);
        var ingestion = services.GetRequiredService<EventIngestion>();
        var settings = services.GetRequiredService<IOptions<RecommendationOptions>>().Value;
        var popularity = services.GetRequiredService<IPopularitySource>();
        var catalogue = await services.GetRequiredService<CatalogSnapshotCache>().GetAsync(CancellationToken.None);
        var json = new JsonSerializerOptions();
        Longview.Api.ApiJson.Configure(json);
        json.MakeReadOnly(populateMissingResolver: true);
        using var lease = services.GetRequiredService<IModelSource>().Acquire()
            ?? throw new InvalidOperationException("no model loaded for the breakdown");

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = profileDatabase, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT body FROM profiles WHERE user_id = $id";
        var id = select.Parameters.Add("$id", SqliteType.Text);
        select.Prepare();

        var stages = Enum.GetValues<Stage>();
        var n = Math.Min(count, users.Count);
        var ticks = stages.ToDictionary(s => s, _ => new long[n]);
        var cpuNs = stages.ToDictionary(s => s, _ => new long[n]);
        var bytes = stages.ToDictionary(s => s, _ => 0L);
        var scores = new float[lease.ItemCount + 1];
        var sequence = new int[lease.MaxLength];
        var blocked = new bool[lease.ItemCount + 1];
        var poolSize = Math.Max(settings.MinCandidates, 10 * settings.CandidateMultiplier);
        var top = new int[Math.Min(poolSize, lease.ItemCount)];
        var weights = settings.WeightsFor(LifecycleSegment.Active);
        var request = new RecommendationRequest();
        var vocabulary = VocabularyCategories.Build(lease, catalogue); // the service keeps one per model and snapshot

        // Warm-up on users outside the timed ones (the last of the list): without it the first few hundred timed users ran
        // tier-0 code and the JIT's tier-1 compiles (a perf profile of the loop showed the JIT at ~28% of the samples).
        var warm = Math.Min(WarmUpUsers, Math.Max(users.Count - n - 50 * 8, 0));
        var gcPause = GC.GetTotalPauseDuration();
        var gen0 = GC.CollectionCount(0);
        var cpu = ThreadCpuClock.Nanoseconds();
        var wall = Stopwatch.StartNew();
        for (var w = -warm; w < n; w++)
        {
            if (w == 0)
            {
                Thread.Sleep(WarmUpSettle);
                foreach (var stage in stages)
                {
                    bytes[stage] = 0;
                }
                gcPause = GC.GetTotalPauseDuration();
                gen0 = GC.CollectionCount(0);
                cpu = ThreadCpuClock.Nanoseconds();
                wall.Restart();
            }
            var i = Math.Max(w, 0);
            var user = w < 0 ? users[users.Count + w] : users[w];
            long mark = 0, allocated = 0, cpuMark = 0;
            void Start()
            {
                allocated = GC.GetAllocatedBytesForCurrentThread();
                cpuMark = ThreadCpuClock.Nanoseconds();
                mark = Stopwatch.GetTimestamp();
            }
            void Stop(Stage stage)
            {
                ticks[stage][i] = Stopwatch.GetTimestamp() - mark;
                cpuNs[stage][i] = ThreadCpuClock.Nanoseconds() - cpuMark;
                bytes[stage] += GC.GetAllocatedBytesForCurrentThread() - allocated;
            }

            // First the product's path: each stage sees caches as a request does.
            Start();
            var stored = (await store.GetAsync(user))!;
            Stop(Stage.StoreRead);
            var profile = stored.Profile;
            var now = DateTimeOffset.UtcNow;
            timedModels.ScoreNanoseconds = timedModels.ChurnNanoseconds = 0;
            Start();
            var recommendation = service.Recommend(user, profile, catalogue, request);
            Stop(Stage.Recommend);
            cpuNs[Stage.InnerModel][i] = timedModels.ScoreNanoseconds;
            cpuNs[Stage.InnerChurn][i] = timedModels.ChurnNanoseconds;
            Start();
            JsonSerializer.SerializeToUtf8Bytes(recommendation, json);
            Stop(Stage.Json);

            // Then the parts of the read and of Recommend, one by one, on the same profile (before its impressions).
            Start();
            id.Value = user;
            byte[] body;
            using (var reader = select.ExecuteReader())
            {
                reader.Read();
                body = (byte[])reader.GetValue(0);
            }
            Stop(Stage.SqlRead);
            Start();
            var parsed = CompactProfileEncoding.Decode(body);
            Stop(Stage.Parse);
            Start();
            var exclusions = ItemExclusions.For(parsed, [], now, settings.Exclusions);
            Stop(Stage.Exclusions);
            Start();
            var length = RecommendationService.MapHistory(lease, parsed.Recent, sequence);
            lease.Score(sequence.AsSpan(lease.MaxLength - length, length), scores);
            Stop(Stage.Model);
            Start();
            var candidates = Candidates(lease, vocabulary, popularity.Current, exclusions, scores, blocked, top);
            Stop(Stage.Candidates);
            Start();
            RetentionReRanker.Rerank(candidates, 10, weights, 0.3, i);
            Stop(Stage.Rerank);

            // Last, the host's impression logging of the served list onto the profile it was computed from.
            Start();
            var known = new Dictionary<string, StoredProfile>(StringComparer.Ordinal) { [user] = stored };
            await ingestion.IngestAsync(ImpressionEvents.For(recommendation, now), known, WriteDurability.BestEffort);
            Stop(Stage.Impressions);
        }
        var loopCpu = (ThreadCpuClock.Nanoseconds() - cpu) / 1e6 / n;
        var loopWall = wall.Elapsed.TotalMilliseconds / n;
        var pause = (GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds / n;
        gen0 = GC.CollectionCount(0) - gen0;

        // Impression logging as the writer does it under load: the lists of several requests in one ingestion call
        // (one transaction, best effort as the writer commits), on the next users.
        const int ListsPerWrite = 8;
        var grouped = 0;
        long groupedNs = 0;
        for (var start = n; start + ListsPerWrite <= Math.Min(users.Count, n + 50 * ListsPerWrite); start += ListsPerWrite)
        {
            var events = new List<UserEvent>();
            var known = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
            for (var j = start; j < start + ListsPerWrite; j++)
            {
                var stored = (await store.GetAsync(users[j]))!;
                events.AddRange(ImpressionEvents.For(service.Recommend(users[j], stored.Profile, catalogue, request), DateTimeOffset.UtcNow));
                known[users[j]] = stored;
            }
            var before = ThreadCpuClock.Nanoseconds();
            await ingestion.IngestAsync(events, known, WriteDurability.BestEffort);
            groupedNs += ThreadCpuClock.Nanoseconds() - before;
            grouped += ListsPerWrite;
        }

        // CPU time is what the stages cost the machine (an fsync's wait is not CPU); wall p50 is printed beside it.
        double Mean(Stage s) => cpuNs[s].Average() / 1e6;
        double P50(Stage s) => Latencies.Percentile(ticks[s], 50);
        double Kb(Stage s) => bytes[s] / 1024.0 / n;
        // Recommend as it ran: its model and churn calls timed inside it; exclusions, candidates and re-ranking from the
        // bench's own calls of the same code on the same profile; the rest (segment, new items, records) is the remainder.
        var rest = Mean(Stage.Recommend) - Mean(Stage.InnerModel) - Mean(Stage.InnerChurn) - Mean(Stage.Exclusions) - Mean(Stage.Candidates) - Mean(Stage.Rerank);
        var product = Mean(Stage.StoreRead) + Mean(Stage.Recommend) + Mean(Stage.Json) + Mean(Stage.Impressions);
        Console.WriteLine($"  per stage, in process, sequential on one thread, {n:N0} users (the product's path: store read, Recommend, response JSON, impression logging):");
        Console.WriteLine("    stage                                           CPU ms  wall p50 ms  KiB allocated   share of the in-process CPU");
        void Row(string label, double mean, double p50, double kib, bool share = true) =>
            Console.WriteLine($"    {label,-46} {mean,7:F3}  {p50,11:F3}  {kib,13:F1}   {(share ? $"{mean / product,6:P0}" : "")}");
        Row("profile read, store (SQLite + decode)", Mean(Stage.StoreRead), P50(Stage.StoreRead), Kb(Stage.StoreRead));
        Row("  of which the SQLite row read alone", Mean(Stage.SqlRead), P50(Stage.SqlRead), Kb(Stage.SqlRead), share: false);
        Row("  of which the profile decode alone", Mean(Stage.Parse), P50(Stage.Parse), Kb(Stage.Parse), share: false);
        Row("exclusions (consumed + impression fatigue)", Mean(Stage.Exclusions), P50(Stage.Exclusions), Kb(Stage.Exclusions));
        Row("model (ONNX score, inside Recommend)", Mean(Stage.InnerModel), double.NaN, 0);
        Row("  the same called alone, with history mapping", Mean(Stage.Model), P50(Stage.Model), Kb(Stage.Model), share: false);
        Row("churn model (inside Recommend)", Mean(Stage.InnerChurn), double.NaN, 0);
        Row("candidates (top-k with exclusions + records)", Mean(Stage.Candidates), P50(Stage.Candidates), Kb(Stage.Candidates));
        Row("re-ranking (RetentionReRanker)", Mean(Stage.Rerank), P50(Stage.Rerank), Kb(Stage.Rerank));
        Row("rest of Recommend (segment, new items, ...)", rest, double.NaN, Kb(Stage.Recommend) - Kb(Stage.Exclusions) - Kb(Stage.Candidates) - Kb(Stage.Rerank));
        Row("response JSON", Mean(Stage.Json), P50(Stage.Json), Kb(Stage.Json));
        Row("impression logging (events + ingest + write)", Mean(Stage.Impressions), P50(Stage.Impressions), Kb(Stage.Impressions));
        if (grouped > 0)
        {
            Console.WriteLine($"      the same with {ListsPerWrite} lists per ingestion call (one commit): {groupedNs / 1e6 / grouped,7:F3} ms CPU per list ({grouped} lists)");
        }
        Console.WriteLine($"    in-process CPU sum {product:F3} ms per request (RecommendationService.Recommend alone: CPU {Mean(Stage.Recommend):F3} ms, wall p50 {P50(Stage.Recommend):F3} ms, p99 {Latencies.Percentile(ticks[Stage.Recommend], 99):F3} ms)");
        Console.WriteLine($"    GC: {pause:F3} ms paused per request ({gen0} gen-0 GCs over the loop, server GC: other threads' work, not in the CPU column); loop thread CPU {loopCpu:F3} ms vs wall {loopWall:F3} ms per user " +
                          "(the loop also runs the bench's own copies of the read, exclusions, model, candidates and re-ranking); load average " + Latencies.LoadAverage());
        return new Result(product, Mean(Stage.InnerModel));
    }

    /// <summary>The model candidates as <see cref="RecommendationService"/> builds them (without explanation anchors).</summary>
    private static List<Candidate> Candidates(IModelLease lease, VocabularyCategories vocabulary, PopularityTable table, ItemExclusions exclusions, float[] scores, bool[] blocked, int[] top)
    {
        Array.Clear(blocked);
        foreach (var itemId in exclusions.ExcludedIds)
        {
            blocked[lease.IndexOf(itemId)] = true;
        }
        var n = TopK.Select(scores, blocked, top);
        var candidates = new List<Candidate>(n + 8);
        for (var j = 0; j < n; j++)
        {
            var itemId = lease.ItemAt(top[j]);
            candidates.Add(new Candidate(itemId, scores[top[j]], vocabulary.At(top[j]), table.Probability(itemId), CandidateSource.Model, exclusions.FatigueOf(itemId)));
        }
        return candidates;
    }
}
