using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// Maximises a log-likelihood over strictly positive parameters, on their logarithms (positivity by construction):
/// Nelder–Mead first, because it needs no gradient and is robust far from the optimum, then BFGS with central-difference
/// gradients from there, because the simplex stalls on the flat ridges these likelihoods have (Gamma-Gamma's q–γ ridge
/// moves γ in the third decimal while the likelihood changes by 1e-9).
/// </summary>
internal static class MaximumLikelihood
{
    private const double SimplexTolerance = 1e-10;
    private const int MaxIterations = 20_000;
    private const double Step = 1e-6;

    public static double[] Maximise(Func<double[], double> logLikelihood, double[] start)
    {
        double Objective(Vector<double> logParameters)
        {
            var value = logLikelihood(logParameters.Select(v => Math.Exp(v)).ToArray());
            return double.IsFinite(value) ? -value : double.MaxValue;
        }

        Vector<double> Gradient(Vector<double> point)
        {
            var gradient = Vector<double>.Build.Dense(point.Count);
            for (var i = 0; i < point.Count; i++)
            {
                var up = point.Clone();
                var down = point.Clone();
                up[i] += Step;
                down[i] -= Step;
                gradient[i] = (Objective(up) - Objective(down)) / (2 * Step);
            }
            return gradient;
        }

        var initial = Vector<double>.Build.DenseOfEnumerable(start.Select(v => Math.Log(v)));
        var simplex = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Objective), initial, SimplexTolerance, MaxIterations);
        var point = simplex.MinimizingPoint;
        try
        {
            var polished = new BfgsMinimizer(1e-9, 1e-12, 1e-15, MaxIterations)
                .FindMinimum(ObjectiveFunction.Gradient(Objective, Gradient), point);
            if (polished.FunctionInfoAtMinimum.Value <= simplex.FunctionInfoAtMinimum.Value)
            {
                point = polished.MinimizingPoint;
            }
        }
        catch (OptimizationException)
        {
            // The line search can fail where the finite-difference gradient is noise, i.e. already at the optimum:
            // the simplex's point stands.
        }
        return point.Select(v => Math.Exp(v)).ToArray();
    }
}
