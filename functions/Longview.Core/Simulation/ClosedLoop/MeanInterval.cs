namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>A mean over seeds with its two-sided 95% confidence half-width from Student's t (zero width for one seed: unknown).</summary>
public sealed record MeanInterval(double Mean, double HalfWidth, int Count)
{
    // t(0.975, df) for df = 1..30; beyond 30 the normal 1.96 is within 2%.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;

    /// <summary>True when the interval has a width and does not contain zero.</summary>
    public bool ExcludesZero => Count > 1 && (Low > 0 || High < 0);

    public static double TQuantile975(int degreesOfFreedom) =>
        degreesOfFreedom < 1 ? double.NaN : degreesOfFreedom <= T975.Length ? T975[degreesOfFreedom - 1] : 1.96;

    public static MeanInterval Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("values: at least one value is needed", nameof(values));
        }
        var mean = values.Average();
        if (values.Count == 1)
        {
            return new MeanInterval(mean, 0, 1);
        }
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new MeanInterval(mean, TQuantile975(values.Count - 1) * Math.Sqrt(variance / values.Count), values.Count);
    }
}
