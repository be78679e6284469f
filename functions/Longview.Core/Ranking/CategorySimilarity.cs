namespace Longview.Core.Ranking;

/// <summary>Jaccard similarity of two items' category sets; 0 when either has none (unknown is not "the same").</summary>
public static class CategorySimilarity
{
    public static double Jaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = 0;
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (string.Equals(a[i], b[j], StringComparison.Ordinal))
                {
                    shared++;
                    break;
                }
            }
        }
        return shared / (double)(a.Count + b.Count - shared);
    }

    /// <summary>Mean pairwise (1 - Jaccard) over a list: the intra-list diversity the evaluation reports.</summary>
    public static double IntraListDiversity(IReadOnlyList<IReadOnlyList<string>> lists)
    {
        if (lists.Count < 2)
        {
            return 0;
        }
        double sum = 0;
        var pairs = 0;
        for (var i = 0; i < lists.Count; i++)
        {
            for (var j = i + 1; j < lists.Count; j++)
            {
                sum += 1 - Jaccard(lists[i], lists[j]);
                pairs++;
            }
        }
        return sum / pairs;
    }
}
