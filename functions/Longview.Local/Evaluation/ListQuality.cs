namespace Longview.Local.Evaluation;

/// <summary>The quality figures of one policy over all evaluated users (definitions as in the training job's metrics.py).</summary>
public sealed record ListQuality(int Users, double NdcgAt10, double RecallAt10, double CoverageAt10, double IntraListDiversity, double Novelty);

/// <summary>
/// Accumulates top-k lists against held-out items. NDCG@k: 1/log2(rank + 1) when the held-out item is at rank (1-based)
/// within k; Recall@k: share of users whose held-out item is in the list; coverage: distinct recommended items over the
/// catalogue (the model vocabulary); intra-list diversity: mean over lists of the mean pairwise category distance
/// (1 - Jaccard); novelty: mean -log2(share of training users who had the item), unseen items counted as one user.
/// </summary>
public sealed class ListQualityAccumulator(int k, int catalogueSize, IReadOnlyDictionary<string, int> usersPerItem, int trainingUsers, Func<string, IReadOnlyList<string>> categoriesOf)
{
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private double _ndcg;
    private int _hits;
    private double _diversity;
    private int _diversityLists;
    private double _novelty;
    private int _recommended;
    private int _users;

    public void Add(IReadOnlyList<string> list, string heldOut)
    {
        _users++;
        var top = Math.Min(k, list.Count);
        for (var i = 0; i < top; i++)
        {
            if (list[i] == heldOut)
            {
                _ndcg += 1 / Math.Log2(i + 2);
                _hits++;
                break;
            }
        }
        for (var i = 0; i < top; i++)
        {
            _distinct.Add(list[i]);
            _novelty += -Math.Log2(Math.Max(usersPerItem.GetValueOrDefault(list[i]), 1) / (double)trainingUsers);
            _recommended++;
        }
        if (top >= 2)
        {
            double distance = 0;
            var pairs = 0;
            for (var i = 0; i < top; i++)
            {
                for (var j = i + 1; j < top; j++)
                {
                    distance += 1 - Core.Ranking.CategorySimilarity.Jaccard(categoriesOf(list[i]), categoriesOf(list[j]));
                    pairs++;
                }
            }
            _diversity += distance / pairs;
            _diversityLists++;
        }
    }

    public ListQuality Result() => new(
        _users,
        _users == 0 ? 0 : _ndcg / _users,
        _users == 0 ? 0 : _hits / (double)_users,
        catalogueSize == 0 ? 0 : _distinct.Count / (double)catalogueSize,
        _diversityLists == 0 ? 0 : _diversity / _diversityLists,
        _recommended == 0 ? 0 : _novelty / _recommended);
}
