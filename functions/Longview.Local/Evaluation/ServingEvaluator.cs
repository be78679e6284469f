using System.Diagnostics;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Popularity;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Options;

namespace Longview.Local.Evaluation;

/// <summary>
/// Offline evaluation of the whole serving path: the real <see cref="OnnxModelProvider"/> (loading the model through
/// the blob store like the server does) and <see cref="RecommendationService"/>, with each held-out user's profile
/// folded from all but their last event by the real <see cref="ProfileAggregator"/>. Two policies side by side over
/// the same users: pure relevance (no diversity, novelty, exploration or fatigue) and retention-aware (the defaults).
/// </summary>
public sealed class ServingEvaluator(
    IProfileStore profiles,
    CatalogSnapshotCache catalogCache,
    OnnxModelProvider provider,
    ProfileAggregator aggregator,
    ILoggerFactory loggers)
{
    public const int K = 10;

    public static RecommendationOptions PureRelevance()
    {
        var none = new RankingWeights { Diversity = 0, Novelty = 0, Fatigue = 0, ExplorationShare = 0, ChurnExplorationBoost = 0 };
        return new RecommendationOptions { Weights = [], DefaultWeights = none };
    }

    /// <param name="users">Evaluate at most this many held-out users (in the dataset's order); null for all.</param>
    public EvaluationReport Evaluate(EvaluationDataset dataset, int? users, IProgress<(int Done, int Total)>? progress)
    {
        var clock = Stopwatch.StartNew();
        using var lease = provider.Acquire() ?? throw new InvalidOperationException("no model is loaded");
        var version = lease.Version;
        var catalogueSize = lease.ItemCount;

        var splits = new List<HeldOutUser>();
        var skipped = 0;
        foreach (var (userId, events) in dataset.EventsByUser)
        {
            var split = LeaveOneOut.Split(userId, events);
            if (split is null || lease.IndexOf(split.HeldOut.ItemId!) == 0)
            {
                skipped++;
                continue;
            }
            splits.Add(split);
        }
        if (users is { } limit && splits.Count > limit)
        {
            splits.RemoveRange(limit, splits.Count - limit);
        }

        var catalogue = new CatalogSnapshot(WithVocabulary(dataset.Items, lease));
        var usersPerItem = UsersPerItem(splits);
        // A historical dataset has no "recent" popularity: the training interactions, undecayed, stand in for it.
        var popularity = new FixedPopularitySource(new PopularityTable(usersPerItem.Select(p => KeyValuePair.Create(p.Key, (double)p.Value))));
        // Each user is served at the moment of their held-out event: segment and churn risk are read as of then.
        var time = new SettableTime();
        var relevance = Service(PureRelevance(), popularity, time);
        var retention = Service(new RecommendationOptions(), popularity, time);
        var relevanceQuality = new ListQualityAccumulator(K, catalogueSize, usersPerItem, splits.Count, catalogue.CategoriesOf);
        var retentionQuality = new ListQualityAccumulator(K, catalogueSize, usersPerItem, splits.Count, catalogue.CategoriesOf);
        var segments = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < splits.Count; i++)
        {
            var split = splits[i];
            var profile = Fold(split, catalogue);
            time.Now = split.HeldOut.Timestamp;
            var request = new RecommendationRequest(K, RecommendationId: $"evaluate-{split.UserId}");
            var pure = relevance.Recommend(split.UserId, profile, catalogue, request);
            var aware = retention.Recommend(split.UserId, profile, catalogue, request);
            relevanceQuality.Add([.. pure.Items.Select(item => item.ItemId)], split.HeldOut.ItemId!);
            retentionQuality.Add([.. aware.Items.Select(item => item.ItemId)], split.HeldOut.ItemId!);
            segments[aware.Segment] = segments.GetValueOrDefault(aware.Segment) + 1;
            if ((i + 1) % 100 == 0 || i + 1 == splits.Count)
            {
                progress?.Report((i + 1, splits.Count));
            }
        }
        return new EvaluationReport(version, splits.Count, skipped, catalogueSize, relevanceQuality.Result(), retentionQuality.Result(), segments, clock.Elapsed);
    }

    private RecommendationService Service(RecommendationOptions options, IPopularitySource popularity, TimeProvider time) =>
        new(profiles, provider, catalogCache, popularity, time, Options.Create(options), loggers.CreateLogger<RecommendationService>());

    private UserProfile Fold(HeldOutUser split, CatalogSnapshot catalogue)
    {
        var profile = ProfileAggregator.NewProfile(split.UserId);
        foreach (var e in split.History)
        {
            aggregator.Apply(profile, e, e.ItemId is { } itemId ? catalogue.CategoriesOf(itemId) : []);
        }
        return profile;
    }

    /// <summary>Distinct training users per item (the held-out events are not training data).</summary>
    private static Dictionary<string, int> UsersPerItem(List<HeldOutUser> splits)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var split in splits)
        {
            seen.Clear();
            foreach (var e in split.History)
            {
                if (e.ItemId is { } itemId && LeaveOneOut.IsSequenceType(e.Type) && seen.Add(itemId))
                {
                    counts[itemId] = counts.GetValueOrDefault(itemId) + 1;
                }
            }
        }
        return counts;
    }

    /// <summary>The dataset's items, plus a bare entry for any vocabulary item the items file lacks (so it can be served).</summary>
    private static IEnumerable<CatalogItem> WithVocabulary(IReadOnlyList<CatalogItem> items, Core.Serving.Models.IModelLease lease)
    {
        var known = new HashSet<string>(items.Select(i => i.ItemId), StringComparer.Ordinal);
        foreach (var item in items)
        {
            yield return item;
        }
        for (var i = 1; i <= lease.ItemCount; i++)
        {
            var itemId = lease.ItemAt(i);
            if (!known.Contains(itemId))
            {
                yield return new CatalogItem(itemId, itemId, []);
            }
        }
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
