namespace Longview.Core.Experiments.Results;

/// <summary>
/// Count, means, variances and covariance of pairs (x, y) folded one at a time (Welford's update, stable for long
/// streams): what a difference in means, CUPED and the delta method need, in constant memory.
/// </summary>
public sealed class Moments
{
    private double _m2x;
    private double _m2y;
    private double _cxy;

    public long Count { get; private set; }

    public double MeanX { get; private set; }

    public double MeanY { get; private set; }

    /// <summary>Sample variance of x (n - 1 in the denominator); 0 below two values.</summary>
    public double VarianceX => Count < 2 ? 0 : _m2x / (Count - 1);

    public double VarianceY => Count < 2 ? 0 : _m2y / (Count - 1);

    public double Covariance => Count < 2 ? 0 : _cxy / (Count - 1);

    public void Add(double x, double y)
    {
        Count++;
        var dx = x - MeanX;
        MeanX += dx / Count;
        var dy = y - MeanY;
        MeanY += dy / Count;
        _m2x += dx * (x - MeanX);
        _m2y += dy * (y - MeanY);
        _cxy += dx * (y - MeanY);
    }

    /// <summary>The moments of both streams together (Chan et al.'s parallel combination).</summary>
    public static Moments Combine(IEnumerable<Moments> parts)
    {
        var total = new Moments();
        foreach (var part in parts)
        {
            if (part.Count == 0)
            {
                continue;
            }
            var n = total.Count + part.Count;
            var dx = part.MeanX - total.MeanX;
            var dy = part.MeanY - total.MeanY;
            var share = (double)part.Count / n;
            total._m2x += part._m2x + dx * dx * total.Count * share;
            total._m2y += part._m2y + dy * dy * total.Count * share;
            total._cxy += part._cxy + dx * dy * total.Count * share;
            total.MeanX += dx * share;
            total.MeanY += dy * share;
            total.Count = n;
        }
        return total;
    }
}
