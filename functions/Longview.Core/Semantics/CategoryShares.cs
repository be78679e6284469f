namespace Longview.Core.Semantics;

/// <summary>How many of a run of input items carry each category: the category affinity of <see cref="NewItemScoring"/>.</summary>
public sealed class CategoryShares
{
    private readonly Dictionary<string, int> _counts;
    private readonly int _items;

    private CategoryShares(Dictionary<string, int> counts, int items)
    {
        _counts = counts;
        _items = items;
    }

    public static CategoryShares Empty { get; } = new([], 0);

    /// <summary>The input items from index <paramref name="from"/> on (each item counts a category once).</summary>
    public static CategoryShares Count(IReadOnlyList<IReadOnlyList<string>> inputCategories, int from)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = from; i < inputCategories.Count; i++)
        {
            foreach (var c in inputCategories[i].Distinct(StringComparer.Ordinal))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }
        return new CategoryShares(counts, Math.Max(0, inputCategories.Count - from));
    }

    /// <summary>The largest share of the items that have one of <paramref name="itemCategories"/> (0 without any).</summary>
    public float Affinity(IReadOnlyList<string> itemCategories)
    {
        if (_items == 0 || itemCategories.Count == 0)
        {
            return 0;
        }
        var best = 0;
        foreach (var c in itemCategories)
        {
            best = Math.Max(best, _counts.GetValueOrDefault(c));
        }
        return best / (float)_items;
    }
}
