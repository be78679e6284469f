using MathNet.Numerics.LinearAlgebra;

namespace Longview.Core.Lifecycle.Churn;

/// <summary>
/// A logistic regression of "churned in the next N days" on standardised features, fitted by Newton–Raphson (IRLS)
/// with a small ridge penalty, which keeps the fit unique when features are collinear or a class separates.
/// Probabilities come out calibrated by construction on the data it was fitted on.
/// </summary>
public sealed class LogisticChurnModel
{
    private const int MaxIterations = 50;
    private const double Ridge = 1e-3;

    private readonly Standardisation _scaling;
    private readonly double[] _weights; // [bias, w1..wk] on standardised inputs

    private LogisticChurnModel(Standardisation scaling, double[] weights)
    {
        _scaling = scaling;
        _weights = weights;
    }

    /// <summary>The coefficients per standardised feature (bias first): their signs and sizes explain the model.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The scaling of the inputs the weights apply to.</summary>
    public Standardisation Scaling => _scaling;

    /// <summary>A model persisted from an earlier fit (its <see cref="Scaling"/> and <see cref="Weights"/>).</summary>
    public static LogisticChurnModel FromParameters(Standardisation scaling, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != scaling.Features + 1 || weights.Any(w => !double.IsFinite(w)))
        {
            throw new ArgumentException($"a model over {scaling.Features} features needs {scaling.Features + 1} finite weights (bias first), got {weights.Count}", nameof(weights));
        }
        return new LogisticChurnModel(scaling, [.. weights]);
    }

    /// <summary>
    /// Each feature's push on the log-odds of churning for this user, relative to an average user of the fit:
    /// w_j · z_j. Positive pushes toward churn. The reasons a risk is explained with.
    /// </summary>
    public double[] Contributions(IReadOnlyList<double> features)
    {
        var x = _scaling.Apply(features);
        var contributions = new double[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            contributions[j] = _weights[j + 1] * x[j];
        }
        return contributions;
    }

    public double Predict(IReadOnlyList<double> features)
    {
        var x = _scaling.Apply(features);
        var z = _weights[0];
        for (var j = 0; j < x.Length; j++)
        {
            z += _weights[j + 1] * x[j];
        }
        return 1 / (1 + Math.Exp(-z));
    }

    public static LogisticChurnModel Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> churned)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(churned);
        if (features.Count == 0 || features.Count != churned.Count)
        {
            throw new ArgumentException($"need as many labels as feature rows (rows {features.Count}, labels {churned.Count}), at least one", nameof(features));
        }
        var k = features[0].Length;
        var n = features.Count;
        var scaling = Standardisation.Fit(features);
        var x = features.Select(r => (double[])[1.0, .. scaling.Apply(r)]).ToArray();
        var w = new double[k + 1];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[k + 1];
            var hessian = new double[k + 1, k + 1];
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-Dot(w, x[i])));
                var residual = (churned[i] ? 1 : 0) - p;
                var curvature = p * (1 - p);
                for (var a = 0; a <= k; a++)
                {
                    gradient[a] += residual * x[i][a];
                    for (var b = 0; b <= k; b++)
                    {
                        hessian[a, b] += curvature * x[i][a] * x[i][b];
                    }
                }
            }
            for (var a = 1; a <= k; a++)
            {
                gradient[a] -= Ridge * n * w[a];
                hessian[a, a] += Ridge * n;
            }
            // The penalised Hessian is symmetric positive definite: Cholesky solves the Newton step.
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
        return new LogisticChurnModel(scaling, w);
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }
}
