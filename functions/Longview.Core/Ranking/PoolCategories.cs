using System.Numerics;

namespace Longview.Core.Ranking;

/// <summary>
/// The category sets of one candidate pool as 64-bit masks, so each of MMR's O(count × pool) similarity checks is two
/// popcounts instead of a nested string comparison. Gives exactly <see cref="CategorySimilarity.Jaccard"/>; a pool
/// with more than 64 distinct categories, or an item listing a category twice, uses that method itself.
/// </summary>
internal sealed class PoolCategories
{
    private readonly IReadOnlyList<Candidate> _pool;
    private readonly ulong[]? _masks;

    public PoolCategories(IReadOnlyList<Candidate> pool)
    {
        _pool = pool;
        var bits = new Dictionary<string, int>(StringComparer.Ordinal);
        var masks = new ulong[pool.Count];
        for (var i = 0; i < pool.Count; i++)
        {
            // Indexed: a foreach over the interface allocated an enumerator per candidate.
            var categories = pool[i].Categories;
            for (var c = 0; c < categories.Count; c++)
            {
                var category = categories[c];
                if (!bits.TryGetValue(category, out var bit))
                {
                    if (bits.Count == 64)
                    {
                        return;
                    }
                    bit = bits.Count;
                    bits[category] = bit;
                }
                var flag = 1UL << bit;
                if ((masks[i] & flag) != 0)
                {
                    return; // a repeated category counts twice in the list form: keep its exact result
                }
                masks[i] |= flag;
            }
        }
        _masks = masks;
    }

    public double Jaccard(int a, int b)
    {
        if (_masks is null)
        {
            return CategorySimilarity.Jaccard(_pool[a].Categories, _pool[b].Categories);
        }
        var (x, y) = (_masks[a], _masks[b]);
        if (x == 0 || y == 0)
        {
            return 0;
        }
        var shared = BitOperations.PopCount(x & y);
        return shared / (double)BitOperations.PopCount(x | y);
    }
}
