using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serving.Catalog;

namespace Longview.Core.Semantics;

/// <summary>
/// A user's interests from the meaning of what they engaged with: the text embeddings of their most recent engaged items
/// (not impressions, not dislikes; each item once) clustered by <see cref="InterestClustering"/> into at most
/// <see cref="MaxInterests"/> groups, each labelled by its most typical items and its most shared tags and categories.
/// Invariant: every engaged item with a current embedding is in exactly one interest, and every label item is a member.
/// Pure and deterministic: the same profile and catalogue give the same interests.
/// </summary>
public static class SemanticInterests
{
    public const int MaxInterests = 4;

    /// <summary>The most recent engaged items read; older ones no longer say what the user is into.</summary>
    public const int MaxItems = 50;

    public const int MaxTypical = 3;

    public const int MaxLabels = 3;

    /// <summary>The user's engaged items, most recent first, each once (impressions and dislikes are not interest).</summary>
    public static IReadOnlyList<string> EngagedItems(UserProfile? profile, int max = MaxItems)
    {
        if (profile is null)
        {
            return [];
        }
        var items = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = profile.Recent.Count - 1; i >= 0 && items.Count < max; i--)
        {
            var e = profile.Recent[i];
            if (e.Type is not (EventType.Impression or EventType.Dislike) && seen.Add(e.ItemId))
            {
                items.Add(e.ItemId);
            }
        }
        return items;
    }

    public static IReadOnlyList<SemanticInterest> Of(UserProfile? profile, CatalogSnapshot catalogue) =>
        Of(EngagedItems(profile), catalogue);

    /// <summary>Interests of <paramref name="engaged"/> (most recent first); empty when none of them has an embedding.</summary>
    public static IReadOnlyList<SemanticInterest> Of(IReadOnlyList<string> engaged, CatalogSnapshot catalogue, int maxInterests = MaxInterests)
    {
        var ids = new List<string>();
        var vectors = new List<float[]>();
        foreach (var itemId in engaged)
        {
            if (catalogue.EmbeddingOf(itemId) is { } vector && (vectors.Count == 0 || vector.Length == vectors[0].Length))
            {
                ids.Add(itemId);
                vectors.Add(vector);
            }
        }
        if (ids.Count == 0)
        {
            return [];
        }
        // About one interest per 2k² items: 1-4 items make one, 5-12 two, 13-24 three, 25+ four.
        var k = Math.Clamp((int)Math.Round(Math.Sqrt(ids.Count / 2.0)), 1, maxInterests);
        var assignment = InterestClustering.Assign(vectors, k);
        var interests = new List<SemanticInterest>();
        for (var c = 0; c <= assignment.Max(); c++)
        {
            var members = Enumerable.Range(0, ids.Count).Where(i => assignment[i] == c).ToList();
            var sum = new float[vectors[0].Length];
            foreach (var i in members)
            {
                var unit = InterestClustering.Normalized(vectors[i]);
                for (var d = 0; d < sum.Length; d++)
                {
                    sum[d] += unit[d];
                }
            }
            var centroid = InterestClustering.Normalized(sum);
            var typical = members
                .Select(i => (Index: i, Similarity: VectorMath.Dot(InterestClustering.Normalized(vectors[i]), centroid)))
                .OrderByDescending(m => m.Similarity).ThenBy(m => m.Index)
                .Take(MaxTypical)
                .Select(m => ids[m.Index])
                .ToList();
            var labels = members
                .SelectMany(i => Words(catalogue, ids[i]))
                .GroupBy(w => w, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Label: g.Key, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Label, StringComparer.Ordinal)
                .Take(MaxLabels)
                .Select(g => g.Label)
                .ToList();
            interests.Add(new SemanticInterest([.. members.Select(i => ids[i])], typical, labels, centroid, Math.Round((double)members.Count / ids.Count, 6)));
        }
        return interests;
    }

    /// <summary>The highest cosine of <paramref name="vector"/> to any interest's centroid; null without interests.</summary>
    public static float? Affinity(ReadOnlySpan<float> vector, IReadOnlyList<SemanticInterest> interests)
    {
        float? best = null;
        foreach (var interest in interests)
        {
            if (interest.Centroid.Length == vector.Length)
            {
                var similarity = VectorMath.Dot(vector, interest.Centroid);
                best = best is null ? similarity : Math.Max(best.Value, similarity);
            }
        }
        return best;
    }

    private static IEnumerable<string> Words(CatalogSnapshot catalogue, string itemId)
    {
        if (catalogue.Find(itemId) is not { } item)
        {
            return [];
        }
        // Each item votes once per word: an item tagged "heist" twice counts as one.
        return item.Categories.Concat(item.Tags ?? []).Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
