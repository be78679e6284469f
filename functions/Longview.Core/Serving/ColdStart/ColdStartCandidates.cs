using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Serving.Popularity;

namespace Longview.Core.Serving.ColdStart;

/// <summary>
/// Candidates for users the model cannot serve yet (no or very short history, or no model at all): recent popularity
/// blended with whatever category affinity the profile shows; an empty popularity table (fresh install) falls back to
/// the catalogue itself.
/// </summary>
public static class ColdStartCandidates
{
    public static List<Candidate> Build(
        UserProfile? profile,
        CatalogSnapshot catalog,
        PopularityTable popularity,
        ItemExclusions exclusions,
        string? category,
        int poolSize,
        double affinityBoost,
        IReadOnlyDictionary<string, double> affinity)
    {
        var candidates = new List<Candidate>(poolSize);
        // Look past the head of the popularity list so affinity can lift a less popular item of a liked category.
        var scan = Math.Min(popularity.Ranked.Count, poolSize * 4);
        for (var i = 0; i < scan; i++)
        {
            var itemId = popularity.Ranked[i];
            if (!Allowed(itemId, catalog, exclusions, category))
            {
                continue;
            }
            var categories = catalog.CategoriesOf(itemId);
            var (affine, strength) = StrongestAffinity(categories, affinity);
            var relevance = Math.Log(1 + popularity.WeightOf(itemId)) * Math.Max(0, 1 + affinityBoost * strength);
            candidates.Add(new Candidate(itemId, relevance, categories, popularity.Probability(itemId), CandidateSource.Popular,
                exclusions.FatigueOf(itemId), AffineCategory: affine));
        }
        if (candidates.Count < poolSize)
        {
            AddFromCatalogue(candidates, catalog, popularity, exclusions, category, affinity, poolSize);
        }
        return candidates.OrderByDescending(c => c.Relevance).ThenBy(c => c.ItemId, StringComparer.Ordinal).Take(poolSize).ToList();
    }

    /// <summary>Recently created catalogue items, newest first, for the exploration slots.</summary>
    public static IEnumerable<CatalogItemCandidate> NewItems(CatalogSnapshot catalog, ItemExclusions exclusions, string? category, DateTimeOffset now, TimeSpan window, int max)
    {
        var taken = 0;
        foreach (var item in catalog.NewestFirst)
        {
            if (taken >= max || item.CreatedAt < now - window)
            {
                yield break;
            }
            if (item.CreatedAt > now || !Allowed(item.ItemId, catalog, exclusions, category))
            {
                continue;
            }
            taken++;
            yield return new CatalogItemCandidate(item.ItemId, item.Categories);
        }
    }

    /// <summary>
    /// The profile's decayed category affinities scaled into [-1, 1] by the strongest one: liked categories lift
    /// popular items, disliked ones push them down.
    /// </summary>
    public static Dictionary<string, double> CategoryAffinity(UserProfile? profile, DateTimeOffset now, TimeSpan halfLife)
    {
        var affinity = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (profile is null)
        {
            return affinity;
        }
        foreach (var (category, value) in profile.AffinitiesAt(now, halfLife))
        {
            if (double.IsFinite(value) && value != 0)
            {
                affinity[category] = value;
            }
        }
        var max = affinity.Count == 0 ? 0 : affinity.Values.Max(Math.Abs);
        foreach (var key in affinity.Keys.ToList())
        {
            affinity[key] /= max;
        }
        return affinity;
    }

    private static void AddFromCatalogue(List<Candidate> candidates, CatalogSnapshot catalog, PopularityTable popularity, ItemExclusions exclusions, string? category, IReadOnlyDictionary<string, double> affinity, int poolSize)
    {
        var present = new HashSet<string>(candidates.Select(c => c.ItemId), StringComparer.Ordinal);
        var extra = catalog.Items
            .Where(i => !present.Contains(i.ItemId) && Allowed(i.ItemId, catalog, exclusions, category))
            .Select(i => (Item: i, Affinity: StrongestAffinity(i.Categories, affinity)))
            .OrderByDescending(x => x.Affinity.Strength)
            .ThenByDescending(x => x.Item.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Item.ItemId, StringComparer.Ordinal)
            .Take(poolSize - candidates.Count);
        foreach (var (item, (affine, strength)) in extra)
        {
            // Below every popular item: these only fill the pool.
            candidates.Add(new Candidate(item.ItemId, -1 + strength * 0.5, item.Categories, popularity.Probability(item.ItemId),
                CandidateSource.Popular, exclusions.FatigueOf(item.ItemId), AffineCategory: affine));
        }
    }

    private static bool Allowed(string itemId, CatalogSnapshot catalog, ItemExclusions exclusions, string? category) =>
        !exclusions.IsExcluded(itemId) && (category is null || catalog.IsIn(itemId, category));

    /// <summary>The item's most liked category (named only when liked) and its strength; a disliked-only item gets the negative.</summary>
    private static (string? Category, double Strength) StrongestAffinity(IReadOnlyList<string> categories, IReadOnlyDictionary<string, double> affinity)
    {
        string? best = null;
        double strength = 0, weakest = 0;
        foreach (var c in categories)
        {
            var a = affinity.GetValueOrDefault(c);
            if (a > strength)
            {
                best = c;
                strength = a;
            }
            weakest = Math.Min(weakest, a);
        }
        return best is null ? (null, weakest) : (best, strength);
    }
}

public readonly record struct CatalogItemCandidate(string ItemId, IReadOnlyList<string> Categories);
