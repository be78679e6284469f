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
    private const int MaxSimplexIterations = 20_000;
    private const int MaxBfgsIterations = 500;
    private const double Step = 1e-6;

    /// <summary>
    /// Parameters are kept within e^±8 by a steep penalty outside it: data that push a parameter to 0 or ∞ (Amazon's
    /// sparse reviewers drive BG/NBD towards "no dropout", a, b → ∞) then give the boundary fit instead of a simplex that
    /// never converges. Published fits lie well inside (CDNOW's largest is γ = 15.4 ≈ e^2.7).
    /// </summary>
    private const double LogBound = 8;

    /// <param name="budget">
    /// The most likelihood evaluations spent; the best point seen so far is returned when it runs out. The literature
    /// checks run unbounded; the daily job bounds it so a likelihood that crawls along a bound cannot stall the job.
    /// </param>
    public static double[] Maximise(Func<double[], double> logLikelihood, double[] start, int budget = int.MaxValue)
    {
        var evaluations = 0;
        // The best point any evaluation saw: an optimiser that runs out of iterations on a flat ridge still leaves it.
        var best = (Value: double.MaxValue, Point: Vector<double>.Build.DenseOfEnumerable(start.Select(v => Math.Log(v))));

        double Objective(Vector<double> logParameters)
        {
            if (++evaluations > budget)
            {
                throw new MaximumIterationsException($"the likelihood budget of {budget} evaluations is spent");
            }
            var penalty = logParameters.Sum(v => Math.Pow(Math.Max(0, Math.Abs(v) - LogBound), 2)) * 1e6;
            var value = logLikelihood(logParameters.Select(v => Math.Exp(v)).ToArray());
            var objective = double.IsFinite(value) ? penalty - value : double.MaxValue;
            if (objective < best.Value)
            {
                best = (objective, logParameters.Clone());
            }
            return objective;
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

        try
        {
            NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Objective), best.Point, SimplexTolerance, MaxSimplexIterations);
        }
        catch (MaximumIterationsException)
        {
            // A likelihood flat to the tolerance along a ridge: the best point seen stands (see above).
        }
        if (evaluations >= budget)
        {
            return best.Point.Select(v => Math.Exp(v)).ToArray();
        }
        try
        {
            new BfgsMinimizer(1e-9, 1e-12, 1e-15, MaxBfgsIterations).FindMinimum(ObjectiveFunction.Gradient(Objective, Gradient), best.Point);
        }
        catch (Exception ex) when (ex is OptimizationException or MaximumIterationsException)
        {
            // The line search fails where the finite-difference gradient is noise, i.e. at the optimum already.
        }
        return best.Point.Select(v => Math.Exp(v)).ToArray();
    }
}
