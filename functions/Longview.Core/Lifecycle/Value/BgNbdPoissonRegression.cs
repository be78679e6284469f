using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// BG/NBD corrected by what else is known about a buyer: a Poisson regression (log link) of the repeat purchase days
/// in a span on <see cref="PurchaseFeatures"/>, with BG/NBD's own conditional expectation E[Y(t) | x, t_x, T] as its
/// offset, so E[Y(t)] = E_BG/NBD[Y(t)] · exp(β₀ + β·z) (z the standardised features, β ridge-penalised toward 0, i.e.
/// toward BG/NBD). Trained on a temporal split inside the calibration period only: features and a BG/NBD as of
/// calibration end − span, target = the repeat purchase days in the span up to calibration end; it then forecasts from
/// the features as of calibration end with the BG/NBD fitted on the whole calibration period (<see cref="Baseline"/>).
/// A negative binomial dispersion θ fitted on the same span gives the predictive distribution around the mean, hence
/// <see cref="MedianPurchases"/>: the point forecast that per-customer absolute error judges (the mean minimises squared
/// error, the median absolute error).
/// </summary>
public sealed class BgNbdPoissonRegression
{
    private const int MaxIterations = 100;
    private const int MaxMedian = 100_000;

    private readonly Standardisation _scaling;
    private readonly double[] _weights; // [β₀, β₁..βk] on standardised features

    private BgNbdPoissonRegression(BgNbdModel baseline, Standardisation scaling, double[] weights, double dispersion)
    {
        Baseline = baseline;
        _scaling = scaling;
        _weights = weights;
        Dispersion = dispersion;
    }

    /// <summary>The BG/NBD whose expectation is the offset: fitted on the histories as of the calibration end.</summary>
    public BgNbdModel Baseline { get; }

    /// <summary>The coefficients (β₀ first, then one per <see cref="PurchaseFeatures.Names"/>): exp(β) is the rate multiplier of one standard deviation.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>θ of the negative binomial around the mean (variance μ + μ²/θ).</summary>
    public double Dispersion { get; }

    /// <summary>E[Y(t)]: expected repeat purchase days in the next <paramref name="t"/> units.</summary>
    public double ExpectedPurchases(PurchaseFeatures features, double t)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Baseline.ExpectedPurchases(features.History, t) * Multiplier(features);
    }

    /// <summary>The median of the predictive negative binomial with mean <see cref="ExpectedPurchases"/>.</summary>
    public int MedianPurchases(PurchaseFeatures features, double t) => NegativeBinomialMedian(ExpectedPurchases(features, t), Dispersion);

    /// <summary>exp(β₀ + β·z): how much more (or less) than BG/NBD this buyer is expected to buy.</summary>
    public double Multiplier(PurchaseFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = _scaling.Apply(features.Vector());
        var eta = _weights[0];
        for (var j = 0; j < z.Length; j++)
        {
            eta += _weights[j + 1] * z[j];
        }
        return Math.Exp(eta);
    }

    /// <summary>
    /// Fits on <paramref name="purchases"/> up to <paramref name="calibrationEnd"/> (later ones are ignored): the span is
    /// the last <paramref name="spanDays"/> days of the calibration period, the ridge <paramref name="ridge"/> (per user,
    /// on standardised features) pulls the correction toward BG/NBD.
    /// </summary>
    public static BgNbdPoissonRegression Fit(IEnumerable<PurchaseHistories.Purchase> purchases, DateOnly calibrationEnd, int spanDays, double ridge = 1.0, double daysPerUnit = 7)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spanDays);
        ArgumentOutOfRangeException.ThrowIfNegative(ridge);
        var calibration = purchases.Where(p => p.Day <= calibrationEnd).ToList();
        var cut = calibrationEnd.AddDays(-spanDays);
        var early = PurchaseFeatures.Summarise(calibration, cut, daysPerUnit);
        if (early.Count == 0)
        {
            throw new ArgumentException($"no customer bought by {cut:yyyy-MM-dd} (calibration end − {spanDays} days): nothing to train on", nameof(purchases));
        }
        var earlyBaseline = BgNbdModel.Fit(early.Values.Select(f => f.History).ToList());
        var inSpan = calibration.Where(p => p.Day > cut)
            .GroupBy(p => p.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Day).Distinct().Count(), StringComparer.Ordinal);

        var span = spanDays / daysPerUnit;
        var rows = early.Values.Select(f => f.Vector()).ToList();
        var offsets = early.Values.Select(f => Math.Log(earlyBaseline.ExpectedPurchases(f.History, span))).ToArray();
        var counts = early.Keys.Select(c => (double)inSpan.GetValueOrDefault(c)).ToArray();
        var scaling = Standardisation.Fit(rows);
        var weights = PoissonIrls(rows.Select(scaling.Apply).ToArray(), offsets, counts, ridge);
        var means = rows.Select((r, i) => Math.Exp(offsets[i] + Linear(weights, scaling.Apply(r)))).ToArray();
        var dispersion = MaximumLikelihood.Maximise(
            p => counts.Select((y, i) => NegativeBinomialLogPmf(y, means[i], p[0])).Sum(),
            start: [1.0])[0];

        var baseline = BgNbdModel.Fit(PurchaseHistories.Summarise(calibration, calibrationEnd, daysPerUnit).Values.ToList());
        return new BgNbdPoissonRegression(baseline, scaling, weights, dispersion);
    }

    /// <summary>Newton–Raphson on the penalised Poisson log-likelihood (β₀ unpenalised); its Hessian is positive definite.</summary>
    private static double[] PoissonIrls(double[][] z, double[] offsets, double[] counts, double ridge)
    {
        var k = z[0].Length;
        var n = z.Length;
        var w = new double[k + 1];
        // Start at the intercept that matches the totals: from there every Newton step is well inside the log's range.
        w[0] = Math.Log(Math.Max(counts.Sum(), 0.5) / offsets.Sum(Math.Exp));
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[k + 1];
            var hessian = new double[k + 1, k + 1];
            for (var i = 0; i < n; i++)
            {
                var mu = Math.Exp(offsets[i] + Linear(w, z[i]));
                var residual = counts[i] - mu;
                for (var a = 0; a <= k; a++)
                {
                    var za = a == 0 ? 1 : z[i][a - 1];
                    gradient[a] += residual * za;
                    for (var b = 0; b <= k; b++)
                    {
                        hessian[a, b] += mu * za * (b == 0 ? 1 : z[i][b - 1]);
                    }
                }
            }
            for (var a = 1; a <= k; a++)
            {
                gradient[a] -= ridge * n * w[a];
                hessian[a, a] += ridge * n;
            }
            var step = Matrix<double>.Build.DenseOfArray(hessian).Cholesky().Solve(Vector<double>.Build.DenseOfArray(gradient));
            var size = 0.0;
            for (var a = 0; a <= k; a++)
            {
                w[a] += step[a];
                size = Math.Max(size, Math.Abs(step[a]));
            }
            if (size < 1e-10)
            {
                break;
            }
        }
        return w;
    }

    private static double Linear(double[] w, double[] z)
    {
        var eta = w[0];
        for (var j = 0; j < z.Length; j++)
        {
            eta += w[j + 1] * z[j];
        }
        return eta;
    }

    private static double NegativeBinomialLogPmf(double y, double mean, double theta) =>
        SpecialFunctions.GammaLn(y + theta) - SpecialFunctions.GammaLn(theta) - SpecialFunctions.GammaLn(y + 1)
        + (theta * Math.Log(theta / (theta + mean))) + (y * Math.Log(mean / (theta + mean)));

    /// <summary>The smallest k with P(Y ≤ k) ≥ ½, by the pmf's recurrence p(k+1) = p(k)·(k + θ)/(k + 1)·μ/(θ + μ).</summary>
    internal static int NegativeBinomialMedian(double mean, double theta)
    {
        if (!(mean > 0))
        {
            return 0;
        }
        var q = mean / (theta + mean);
        var pmf = Math.Exp(theta * Math.Log(theta / (theta + mean)));
        var cumulative = pmf;
        for (var k = 0; k < MaxMedian; k++)
        {
            if (cumulative >= 0.5)
            {
                return k;
            }
            pmf *= (k + theta) / (k + 1) * q;
            cumulative += pmf;
        }
        return MaxMedian;
    }
}
