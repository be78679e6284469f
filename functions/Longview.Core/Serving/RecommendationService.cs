using System.Buffers;
using Longview.Core.Events;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Core.Lifecycle;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.ColdStart;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Longview.Core.Serving.Segments;
using Longview.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Core.Serving;

/// <summary>
/// The recommendation use case both hosts call: profile -> model (or cold start) -> candidates -> retention-aware
/// re-ranking. Unknown users get cold-start items; no model at all gives the same fallback with version "fallback".
/// </summary>
public sealed class RecommendationService(
    IProfileStore profiles,
    IModelSource models,
    CatalogSnapshotCache catalog,
    IPopularitySource popularity,
    TimeProvider time,
    IOptions<RecommendationOptions> options,
    ILogger<RecommendationService> logger,
    UserIdHash? userIdHash = null,
    LongviewMetrics? metrics = null,
    ExperimentAssigner? experiments = null,
    Campaigns.CampaignTargeting? campaigns = null)
{
    private readonly LongviewMetrics _metrics = metrics ?? LongviewMetrics.Unscoped;

    // Logs name users only by their hash; without a configured one, by the unsalted hash (never in clear).
    private readonly UserIdHash _userIdHash = userIdHash ?? new UserIdHash(salt: null);

    public const string FallbackVersion = "fallback";

    /// <summary>The <see cref="TelemetryTags.RecommendationSource"/> values: which list answered.</summary>
    public const string SourceModel = "model", SourceColdStart = "cold_start", SourceFallback = "fallback";
    private const int MaxAnchors = 20;
    private readonly LifecycleClassifier _lifecycle = new(options.Value.Lifecycle);

    // The catalogue items the serving model scores from their text, for the current snapshot and model version:
    // rebuilt when either changes (an immutable value; a race builds it twice, never wrongly).
    private volatile TextScoredItems? _textItems;

    // The vocabulary's categories by model index for the current snapshot and model version (rebuilt like _textItems).
    private volatile VocabularyCategories? _vocabularyCategories;

    public async Task<Recommendation> RecommendAsync(string userId, RecommendationRequest request, CancellationToken cancellationToken = default) =>
        (await ServeAsync(userId, request, cancellationToken).ConfigureAwait(false)).Recommendation;

    /// <summary>
    /// The recommendation and the stored profile it was computed from (null for an unknown user), so a host that logs
    /// the impressions can fold them onto that profile instead of reading it again. The service is done with it.
    /// </summary>
    public async Task<ServedRecommendation> ServeAsync(string userId, RecommendationRequest request, CancellationToken cancellationToken = default)
    {
        Validate(userId, request);
        using var activity = LongviewTelemetry.ActivitySource.StartActivity("longview.recommend");
        var started = time.GetTimestamp();
        // Before the read: an erasure after this time may have seen the profile this list is computed from.
        var servedAt = time.GetUtcNow();
        var stored = await profiles.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (campaigns is not null)
        {
            await campaigns.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var recommendation = Recommend(userId, stored?.Profile, snapshot, request);
        _metrics.ServeDuration(time.GetElapsedTime(started));
        activity?.SetTag(TelemetryTags.ModelVersion, recommendation.ModelVersion).SetTag(TelemetryTags.Segment, recommendation.Segment);
        return new ServedRecommendation(recommendation, stored, servedAt);
    }

    /// <summary>The synchronous part, given the profile and the catalogue: scoring never awaits while it holds a lease.</summary>
    public Recommendation Recommend(string userId, UserProfile? profile, CatalogSnapshot catalogue, RecommendationRequest request)
    {
        Validate(userId, request);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var recommendationId = request.RecommendationId ?? Guid.CreateVersion7(now).ToString("N");
        var exclusions = ItemExclusions.For(profile, request.Exclude ?? [], now, settings.Exclusions);
        var table = popularity.Current;
        var poolSize = Math.Max(settings.MinCandidates, request.Count * settings.CandidateMultiplier);

        // Exposure is decided where the variant is used: the list carries the assignments that shaped it. A variant that
        // names a model version is served by it while it is loaded, else by the serving model (modelVersion says which).
        var treatment = experiments?.Assign(userId, now) ?? ExperimentTreatment.None;
        using var lease = (treatment.ModelVersion is { } pinned ? models.Acquire(pinned) : null) ?? models.Acquire();
        using var textScores = new RequestTextScores();
        var churnRisk = lease is not null && profile is not null ? Guarded(() => PredictChurn(lease, profile, today), lease, userId, "churn") : null;
        var segment = ProfileLifecycle.Classify(_lifecycle, profile, today, churnRisk);
        var risk = churnRisk ?? RecencyRisk(profile, today, settings.Lifecycle);
        // A treated campaign member's override wins over an experiment's weights (campaign arms are independent of
        // experiment arms, so an experiment's comparison stays fair).
        var (campaignAssignments, campaignWeights) = campaigns?.Target(profile, now) ?? ([], null);
        var weights = campaignWeights ?? treatment.Weights ?? settings.WeightsFor(segment);
        IReadOnlyList<ExperimentAssignment> assignments = campaignAssignments.Count == 0 ? treatment.Assignments : [.. treatment.Assignments, .. campaignAssignments];

        var candidates = lease is null || treatment.Strategy == ServingStrategy.Popularity
            ? null
            : Guarded(() => ModelCandidates(lease, profile, catalogue, table, exclusions, request.Category, poolSize, settings.MinHistoryForModel, request.Explain,
                TextItemsFor(lease, catalogue, settings.MaxTextScoredItems), textScores, CategoriesFor(lease, catalogue)), lease, userId, "sequence");
        var source = lease is null ? SourceFallback : candidates is null ? SourceColdStart : SourceModel;
        candidates ??= SemanticColdStart.Lift(ColdStartCandidates.Build(profile, catalogue, table, exclusions, request.Category, poolSize, settings.CategoryAffinityBoost,
            ColdStartCandidates.CategoryAffinity(profile, now, settings.AffinityHalfLife)), profile, catalogue, table, exclusions, request.Category, settings.SemanticInterestBoost);
        AddNewItems(candidates, catalogue, table, exclusions, request.Category, now, settings, textScores, request.Explain ? profile : null);

        var ranked = RetentionReRanker.Rerank(settings.EmbeddingDiversity ? CandidateEmbeddings.Attach(candidates, catalogue) : candidates,
            request.Count, weights, risk, RequestSeed.From(userId, recommendationId), settings.EmbeddingSimilarityFloor);
        var items = new RecommendedItem[ranked.Count];
        var reasonTypes = new ReasonType[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            items[i] = new RecommendedItem(ranked[i].Candidate.ItemId, Math.Round(ranked[i].Score, 6), request.Explain ? ranked[i].Reason : null);
            reasonTypes[i] = ReasonTypes.Of(ranked[i]);
        }
        var version = lease?.Version ?? FallbackVersion;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Recommended {ItemCount} items to {UserIdHash} with {ModelVersion} ({Segment}, churn risk {ChurnRisk})",
                items.Length, _userIdHash.Of(userId), version, segment, churnRisk);
        }
        _metrics.Served(version, source, segment.ToWireName());
        return new Recommendation(userId, recommendationId, version, segment.ToWireName(), items, assignments.Count == 0 ? null : assignments)
        {
            ReasonTypes = reasonTypes,
        };
    }

    /// <summary>A model that fails at run time must not fail the request: the user gets the cold-start list instead.</summary>
    private T? Guarded<T>(Func<T?> run, IModelLease lease, string userId, string part)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(ex, "Model {ModelVersion} ({ModelPart}) failed for {UserIdHash}; answering without it", lease.Version, part, _userIdHash.Of(userId));
            _metrics.ModelFailed(lease.Version, part);
            return default;
        }
    }

    public static void Validate(string userId, RecommendationRequest request)
    {
        CheckId("userId", userId);
        if (request.Count is < 1 or > RecommendationOptions.MaxCount)
        {
            throw new InvalidRecommendationRequestException("count", $"must be between 1 and {RecommendationOptions.MaxCount}, was {request.Count}");
        }
        if (request.Exclude is { } exclude)
        {
            if (exclude.Count > RecommendationOptions.MaxExclusions)
            {
                throw new InvalidRecommendationRequestException("exclude", $"at most {RecommendationOptions.MaxExclusions} item ids, got {exclude.Count}");
            }
            for (var i = 0; i < exclude.Count; i++)
            {
                CheckId($"exclude[{i}]", exclude[i]);
            }
        }
        if (request.Category is not null)
        {
            CheckId("category", request.Category);
        }
        if (request.RecommendationId is not null)
        {
            CheckId("recommendationId", request.RecommendationId);
        }
    }

    /// <summary>Ids in a request follow the one id rule of the event contract, so every id an event can carry is servable.</summary>
    private static void CheckId(string parameter, string? value)
    {
        if (IdRule.Problem(value) is { } problem)
        {
            throw new InvalidRecommendationRequestException(parameter, problem);
        }
    }

    private static double? PredictChurn(IModelLease lease, UserProfile profile, DateOnly today)
    {
        var order = lease.ChurnFeatures;
        if (order.Count == 0)
        {
            return null;
        }
        Span<float> features = stackalloc float[order.Count];
        ChurnFeatures.Fill(profile, today, order, features);
        var p = lease.PredictChurn(features);
        return float.IsFinite(p) ? Math.Clamp(p, 0, 1) : null;
    }

    /// <summary>Without a churn model, idleness stands in for risk: 0 when active today, 1 once no longer merely at risk.</summary>
    private static double RecencyRisk(UserProfile? profile, DateOnly today, LifecycleOptions lifecycle)
    {
        if (profile is null || profile.ActiveDays.Days.Count == 0)
        {
            return 0;
        }
        var idle = today.DayNumber - profile.ActiveDays.Days.Max().DayNumber;
        return Math.Clamp(idle / (double)lifecycle.AtRiskMaxRecencyDays, 0, 1);
    }

    /// <summary>Null when the user's history is too short for the model (the caller then uses cold start).</summary>
    private static List<Candidate>? ModelCandidates(IModelLease lease, UserProfile? profile, CatalogSnapshot catalogue, PopularityTable table, ItemExclusions exclusions, string? category, int poolSize, int minHistory, bool explain,
        TextScoredItems? textItems, RequestTextScores textScores, VocabularyCategories vocabulary)
    {
        if (profile is null)
        {
            return null;
        }
        var sequence = ArrayPool<int>.Shared.Rent(lease.MaxLength);
        var scores = ArrayPool<float>.Shared.Rent(lease.ItemCount + 1);
        var blocked = ArrayPool<bool>.Shared.Rent(lease.ItemCount + 1);
        var top = ArrayPool<int>.Shared.Rent(Math.Min(poolSize, lease.ItemCount));
        try
        {
            var length = MapHistory(lease, profile.Recent, sequence.AsSpan(0, lease.MaxLength));
            if (length < minHistory)
            {
                return null;
            }
            var history = sequence.AsSpan(lease.MaxLength - length, length);
            lease.Score(history, scores.AsSpan(0, lease.ItemCount + 1));
            var blockedSpan = blocked.AsSpan(0, lease.ItemCount + 1);
            blockedSpan.Clear();
            foreach (var itemId in exclusions.ExcludedIds)
            {
                blockedSpan[lease.IndexOf(itemId)] = true;
            }
            if (category is not null)
            {
                for (var i = 1; i < blockedSpan.Length; i++)
                {
                    blockedSpan[i] |= !vocabulary.IsIn(i, category);
                }
            }
            var n = TopK.Select(scores.AsSpan(0, lease.ItemCount + 1), blockedSpan, top.AsSpan(0, Math.Min(poolSize, lease.ItemCount)));
            // Anchors only name the reason ("because you liked X"), never move a score: matching every candidate
            // against 20 history items was a tenth of a request's CPU, wasted when no reason is returned.
            var anchors = explain ? Anchors(profile, catalogue) : null;
            var candidates = new List<Candidate>(n + 8);
            for (var j = 0; j < n; j++)
            {
                var itemId = lease.ItemAt(top[j]);
                var categories = vocabulary.At(top[j]);
                candidates.Add(new Candidate(itemId, scores[top[j]], categories, table.Probability(itemId), CandidateSource.Model,
                    exclusions.FatigueOf(itemId), anchors is null ? null : SimilarAnchor(itemId, catalogue, anchors) ?? AnchorFor(itemId, categories, anchors)));
            }
            if (textItems is { Count: > 0 })
            {
                // Items posted after the model was trained, scored by the same model from their text: they join the pool
                // when they beat its weakest model candidate (any score when the model filled less than the pool).
                var floor = n == Math.Min(poolSize, lease.ItemCount) && n > 0 ? scores[top[n - 1]] : float.NegativeInfinity;
                AddTextScored(candidates, textItems, scores.AsSpan(0, lease.ItemCount + 1), InputIds(lease, history), floor, catalogue, table, exclusions, category, poolSize, anchors, textScores);
            }
            return candidates;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sequence);
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<bool>.Shared.Return(blocked);
            ArrayPool<int>.Shared.Return(top);
        }
    }

    /// <summary>
    /// Fills the end of <paramref name="destination"/> with the newest known items (oldest first) and returns how many.
    /// Impressions and dislikes are not interest, so they stay out of the sequence; unknown items are skipped.
    /// </summary>
    public static int MapHistory(IModelLease lease, IReadOnlyList<RecentEvent> recent, Span<int> destination)
    {
        var write = destination.Length;
        for (var i = recent.Count - 1; i >= 0 && write > 0; i--)
        {
            var e = recent[i];
            if (e.Type is EventType.Impression or EventType.Dislike)
            {
                continue;
            }
            var index = lease.IndexOf(e.ItemId);
            if (index > 0)
            {
                destination[--write] = index;
            }
        }
        return destination.Length - write;
    }

    private static List<(string ItemId, string Title, IReadOnlyList<string> Categories)> Anchors(UserProfile profile, CatalogSnapshot catalogue)
    {
        var anchors = new List<(string, string, IReadOnlyList<string>)>(MaxAnchors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = profile.Recent.Count - 1; i >= 0 && anchors.Count < MaxAnchors; i--)
        {
            var e = profile.Recent[i];
            if (e.Type is EventType.Impression or EventType.Dislike || !seen.Add(e.ItemId))
            {
                continue;
            }
            var categories = catalogue.CategoriesOf(e.ItemId);
            if (categories.Count > 0 || catalogue.EmbeddingOf(e.ItemId) is not null)
            {
                anchors.Add((e.ItemId, catalogue.DisplayName(e.ItemId), categories));
            }
        }
        return anchors;
    }

    private static string? AnchorFor(string itemId, IReadOnlyList<string> categories, List<(string ItemId, string Title, IReadOnlyList<string> Categories)> anchors)
    {
        // The most recent other history item with the most category overlap explains the pick best.
        string? best = null;
        double bestSimilarity = 0;
        foreach (var (anchorId, title, anchorCategories) in anchors)
        {
            if (anchorId == itemId)
            {
                continue;
            }
            var similarity = CategorySimilarity.Jaccard(categories, anchorCategories);
            if (similarity > bestSimilarity)
            {
                best = title;
                bestSimilarity = similarity;
            }
        }
        return best;
    }

    private TextScoredItems? TextItemsFor(IModelLease lease, CatalogSnapshot catalogue, int max)
    {
        if (lease.Text is not { } projection || catalogue.EmbeddingEncoder != projection.Encoder)
        {
            return null;
        }
        var current = _textItems;
        if (current is not null && current.IsFor(catalogue, projection))
        {
            return current;
        }
        var built = TextScoredItems.Build(catalogue, projection, id => lease.IndexOf(id) > 0, max);
        _textItems = built;
        return built;
    }

    private VocabularyCategories CategoriesFor(IModelLease lease, CatalogSnapshot catalogue)
    {
        var current = _vocabularyCategories;
        if (current is not null && current.IsFor(lease, catalogue))
        {
            return current;
        }
        var built = VocabularyCategories.Build(lease, catalogue);
        _vocabularyCategories = built;
        return built;
    }

    private static string[] InputIds(IModelLease lease, ReadOnlySpan<int> history)
    {
        var ids = new string[history.Length];
        for (var i = 0; i < history.Length; i++)
        {
            ids[i] = lease.ItemAt(history[i]);
        }
        return ids;
    }

    private static void AddTextScored(List<Candidate> candidates, TextScoredItems items, ReadOnlySpan<float> scores, IReadOnlyList<string> input, float floor, CatalogSnapshot catalogue,
        PopularityTable table, ItemExclusions exclusions, string? category, int max,
        List<(string ItemId, string Title, IReadOnlyList<string> Categories)>? anchors, RequestTextScores textScores)
    {
        // Kept for the request: the new-item slots are ordered by the same scores (AddNewItems).
        var served = textScores.For(items);
        items.Score(scores, input, served);
        var picked = new List<(int Index, float Score)>();
        for (var i = 0; i < items.Count; i++)
        {
            var score = served[i];
            var itemId = items.ItemIds[i];
            if (float.IsFinite(score) && score > floor && !exclusions.IsExcluded(itemId) && (category is null || catalogue.IsIn(itemId, category)))
            {
                picked.Add((i, score));
            }
        }
        foreach (var (index, score) in picked.OrderByDescending(p => p.Score).ThenBy(p => p.Index).Take(max))
        {
            var itemId = items.ItemIds[index];
            var categories = catalogue.CategoriesOf(itemId);
            candidates.Add(new Candidate(itemId, score, categories, table.Probability(itemId), CandidateSource.Model, exclusions.FatigueOf(itemId),
                anchors is null ? null : SimilarAnchor(itemId, catalogue, anchors)));
        }
    }

    /// <summary>The liked history item whose text is most similar to the item's ("because you liked Heat"); null without embeddings.</summary>
    private static string? SimilarAnchor(string itemId, CatalogSnapshot catalogue, List<(string ItemId, string Title, IReadOnlyList<string> Categories)> anchors)
    {
        if (catalogue.EmbeddingOf(itemId) is not { } vector)
        {
            return null;
        }
        string? best = null;
        var bestSimilarity = float.NegativeInfinity;
        foreach (var (anchorId, title, _) in anchors)
        {
            if (anchorId != itemId && catalogue.EmbeddingOf(anchorId) is { } anchor && anchor.Length == vector.Length)
            {
                var similarity = VectorMath.Dot(vector, anchor); // unit-length vectors: the cosine
                if (similarity > bestSimilarity)
                {
                    best = title;
                    bestSimilarity = similarity;
                }
            }
        }
        return best;
    }

    /// <summary>
    /// The recently created items, for the exploration slots. Those the model scored from their text for this request
    /// (<paramref name="textScores"/>) carry that score, which orders the slots, and the liked item they resemble as
    /// reason (with <paramref name="explainFor"/>); their relevance stays the pool's floor, so they do not crowd out the model.
    /// </summary>
    private static void AddNewItems(List<Candidate> candidates, CatalogSnapshot catalogue, PopularityTable table, ItemExclusions exclusions, string? category, DateTimeOffset now, RecommendationOptions settings,
        RequestTextScores textScores, UserProfile? explainFor)
    {
        var floor = candidates.Count == 0 ? 0 : candidates.Min(c => c.Relevance);
        List<(string ItemId, string Title, IReadOnlyList<string> Categories)>? anchors = null;
        foreach (var item in ColdStartCandidates.NewItems(catalogue, exclusions, category, now, settings.NewItemWindow, settings.MaxNewItemCandidates))
        {
            var score = textScores.Of(item.ItemId);
            string? anchor = null;
            if (score is not null && explainFor is not null)
            {
                anchors ??= Anchors(explainFor, catalogue);
                anchor = SimilarAnchor(item.ItemId, catalogue, anchors);
            }
            candidates.Add(new Candidate(item.ItemId, floor, item.Categories, table.Probability(item.ItemId), CandidateSource.NewItem, exclusions.FatigueOf(item.ItemId),
                anchor, NewItemScore: score));
        }
    }
}
