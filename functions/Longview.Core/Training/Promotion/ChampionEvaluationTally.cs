namespace Longview.Core.Training.Promotion;

/// <summary>Sums the slices of a champion evaluation into its metrics: NDCG@10 averaged over all users, coverage@10 over the union of lists.</summary>
public sealed class ChampionEvaluationTally
{
    private readonly HashSet<string> _recommended = new(StringComparer.Ordinal);
    private long _users;
    private double _gains;
    private int _snapshotItems;

    public int Parts { get; private set; }

    public void Add(ChampionEvaluationPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        _users += part.Users;
        _gains += part.Gains;
        _snapshotItems = part.SnapshotItems;
        _recommended.UnionWith(part.Recommended);
        Parts++;
    }

    /// <summary>The metrics (churn AUC is not computed here); throws when no user could be evaluated.</summary>
    public ModelMetrics Metrics() =>
        _users == 0
            ? throw new InvalidOperationException("the snapshot has no user with three or more sequence items to evaluate on")
            : new ModelMetrics(_gains / _users, _snapshotItems == 0 ? 0 : (double)_recommended.Count / _snapshotItems, null);
}
