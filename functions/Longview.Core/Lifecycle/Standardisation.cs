namespace Longview.Core.Lifecycle;

/// <summary>
/// z-scores per feature, fitted on a population: (x − mean) / population standard deviation. A constant feature has
/// scale 1, so it becomes 0 everywhere instead of dividing by zero. Shared by the models that need comparable features
/// (the logistic churn model, the behavioural groups).
/// </summary>
public sealed class Standardisation
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    private Standardisation(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    public int Features => _mean.Length;

    public static Standardisation Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("no rows to standardise", nameof(rows));
        }
        var features = rows[0].Length;
        var mean = new double[features];
        var scale = new double[features];
        for (var f = 0; f < features; f++)
        {
            mean[f] = rows.Average(r => r[f]);
            var sd = Math.Sqrt(rows.Average(r => (r[f] - mean[f]) * (r[f] - mean[f])));
            scale[f] = sd > 1e-12 ? sd : 1;
        }
        return new Standardisation(mean, scale);
    }

    public double[] Apply(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != _mean.Length)
        {
            throw new ArgumentException($"expected {_mean.Length} features, got {row.Count}", nameof(row));
        }
        var z = new double[row.Count];
        for (var f = 0; f < z.Length; f++)
        {
            z[f] = (row[f] - _mean[f]) / _scale[f];
        }
        return z;
    }
}
