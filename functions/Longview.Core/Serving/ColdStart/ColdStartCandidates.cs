using Longview.Core.Events;
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
        double affinityBoost)
    {
        var affinity = CategoryAffinity(profile, catalog);
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
            var relevance = Math.Log(1 + popularity.WeightOf(itemId)) * (1 + affinityBoost * strength);
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

    /// <summary>Share of the user's item events per category, scaled so the strongest category is 1.</summary>
    public static Dictionary<string, double> CategoryAffinity(UserProfile? profile, CatalogSnapshot catalog)
    {
        var counts = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (profile is null)
        {
            return counts;
        }
        foreach (var e in profile.Recent)
        {
            if (e.Type is EventType.Impression or EventType.Dislike)
            {
                continue;
            }
            foreach (var c in catalog.CategoriesOf(e.ItemId))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }
        var max = counts.Count == 0 ? 0 : counts.Values.Max();
        foreach (var key in counts.Keys.ToList())
        {
            counts[key] /= max;
        }
        return counts;
    }

    private static void AddFromCatalogue(List<Candidate> candidates, CatalogSnapshot catalog, PopularityTable popularity, ItemExclusions exclusions, string? category, Dictionary<string, double> affinity, int poolSize)
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

    private static (string? Category, double Strength) StrongestAffinity(IReadOnlyList<string> categories, Dictionary<string, double> affinity)
    {
        string? best = null;
        double strength = 0;
        foreach (var c in categories)
        {
            var a = affinity.GetValueOrDefault(c);
            if (a > strength)
            {
                best = c;
                strength = a;
            }
        }
        return (best, strength);
    }
}

public readonly record struct CatalogItemCandidate(string ItemId, IReadOnlyList<string> Categories);
