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

    /// <summary>The fitted means, to persist the scaling with a model.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The fitted scales (population standard deviations, 1 for a constant feature).</summary>
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>A scaling persisted with a model (<see cref="Mean"/> and <see cref="Scale"/> of an earlier fit).</summary>
    public static Standardisation FromParameters(IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Count == 0 || mean.Count != scale.Count || scale.Any(s => !(s > 0) || !double.IsFinite(s)) || mean.Any(m => !double.IsFinite(m)))
        {
            throw new ArgumentException($"a scaling needs as many finite means as positive finite scales (means {mean.Count}, scales {scale.Count})", nameof(scale));
        }
        return new Standardisation([.. mean], [.. scale]);
    }

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
