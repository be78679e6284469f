namespace Longview.Core.Lifecycle.Value;

/// <summary>The Gauss hypergeometric function ₂F₁(a, b; c; z) by its power series, for 0 ≤ z &lt; 1.</summary>
internal static class GaussHypergeometric
{
    private const int MaxTerms = 100_000;

    public static double Evaluate(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "the series converges for 0 ≤ z < 1 only");
        }
        double term = 1, sum = 1;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-15 * Math.Abs(sum))
            {
                return sum;
            }
        }
        throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms");
    }
}
