namespace Longview.Core.Simulation;

/// <summary>Draws an index with probability proportional to its weight (cumulative table + binary search).</summary>
internal sealed class WeightedChoice
{
    private readonly double[] _cumulative;
    private readonly int[]? _values;

    public WeightedChoice(IReadOnlyList<double> weights, int[]? values = null)
    {
        _cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            _cumulative[i] = total;
        }
        _values = values;
    }

    public int Next(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index;
        index = Math.Min(index, _cumulative.Length - 1);
        return _values is null ? index : _values[index];
    }
}
