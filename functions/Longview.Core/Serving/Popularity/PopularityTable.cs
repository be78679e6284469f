namespace Longview.Core.Serving.Popularity;

/// <summary>
/// An immutable table of recent item popularity (decayed engagement counts). <see cref="Probability"/> is add-one
/// smoothed so unseen items still have a finite novelty.
/// </summary>
public sealed class PopularityTable
{
    private readonly Dictionary<string, double> _weights;

    public PopularityTable(IEnumerable<KeyValuePair<string, double>> weights)
    {
        _weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (itemId, weight) in weights)
        {
            if (weight > 0 && double.IsFinite(weight))
            {
                _weights[itemId] = weight;
                Total += weight;
            }
        }
        Ranked = _weights.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray();
    }

    public static PopularityTable Empty { get; } = new([]);

    /// <summary>Item ids, most popular first.</summary>
    public IReadOnlyList<string> Ranked { get; }

    public double Total { get; }

    public double WeightOf(string itemId) => _weights.GetValueOrDefault(itemId);

    public double Probability(string itemId) => (WeightOf(itemId) + 1) / (Total + _weights.Count + 1);
}

/// <summary>Where serving reads recent popularity from.</summary>
public interface IPopularitySource
{
    PopularityTable Current { get; }
}
