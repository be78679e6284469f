using MathNet.Numerics;

namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"):
/// while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase the customer
/// drops out with probability p ~ Beta(a, b). Times are in the unit of the histories it was fitted on.
/// </summary>
public sealed record BgNbdModel(double R, double Alpha, double A, double B)
{
    /// <summary>The log-likelihood of one history (the paper's equation 6, in the numerically stable form of its note).</summary>
    public double LogLikelihood(PurchaseHistory h)
    {
        var x = h.Frequency;
        var a1 = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha));
        var a2 = SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        var a3 = -(R + x) * Math.Log(Alpha + h.Age);
        if (x == 0)
        {
            return a1 + a2 + a3;
        }
        var a4 = Math.Log(A) - Math.Log(B + x - 1) - ((R + x) * Math.Log(Alpha + h.Recency));
        var max = Math.Max(a3, a4);
        return a1 + a2 + max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
    }

    /// <summary>P(alive | x, t_x, T) (the paper's equation 11 / its note's P(τ &gt; T)).</summary>
    public double ProbabilityAlive(PurchaseHistory h) =>
        h.Frequency == 0 ? 1.0 : 1.0 / (1.0 + (A / (B + h.Frequency - 1) * Math.Pow((Alpha + h.Age) / (Alpha + h.Recency), R + h.Frequency)));

    /// <summary>
    /// P(no purchase in the next <paramref name="t"/> units | x, t_x, T): dead, or alive with a rate whose posterior is
    /// Gamma(r + x, α + T) and no purchase in t, i.e. (1 − P(alive)) + P(alive)·((α + T)/(α + T + t))^(r + x).
    /// No dropout can happen without a purchase, so this is exact under the model.
    /// </summary>
    public double ProbabilityNoPurchases(PurchaseHistory h, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var alive = ProbabilityAlive(h);
        return 1 - alive + (alive * Math.Pow((Alpha + h.Age) / (Alpha + h.Age + t), R + h.Frequency));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: the expected number of repeat purchases in the next <paramref name="t"/> time units
    /// (the paper's equation 10; lifetimes' conditional_expected_number_of_purchases_up_to_time).
    /// </summary>
    public double ExpectedPurchases(PurchaseHistory h, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var x = h.Frequency;
        var ratio = (Alpha + h.Age) / (Alpha + h.Age + t);
        var hyper = GaussHypergeometric.Evaluate(R + x, B + x, A + B + x - 1, t / (Alpha + h.Age + t));
        var numerator = (A + B + x - 1) / (A - 1) * (1 - (Math.Pow(ratio, R + x) * hyper));
        var denominator = x == 0 ? 1.0 : 1.0 + (A / (B + x - 1) * Math.Pow((Alpha + h.Age) / (Alpha + h.Recency), R + x));
        return numerator / denominator;
    }

    /// <summary>E[X(t)] for a customer just acquired: the expected purchases in the first <paramref name="t"/> units (equation 7).</summary>
    public double ExpectedPurchasesOfNewCustomer(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hyper = GaussHypergeometric.Evaluate(R, B, A + B - 1, t / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * hyper));
    }

    /// <summary>Maximum-likelihood fit over <paramref name="histories"/> (all four parameters on the log scale).</summary>
    /// <param name="budget">Most likelihood evaluations (see MaximumLikelihood); unbounded by default.</param>
    public static BgNbdModel Fit(IReadOnlyCollection<PurchaseHistory> histories, int budget = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(histories);
        if (histories.Count == 0)
        {
            throw new ArgumentException("no purchase histories to fit", nameof(histories));
        }
        foreach (var h in histories)
        {
            h.EnsureValid();
        }
        // Identical histories share one likelihood term: group them so the optimiser's cost does not grow with customers.
        var groups = histories.GroupBy(h => h).Select(g => (History: g.Key, Count: (double)g.Count())).ToArray();
        // The Gamma terms depend on the frequency alone: computed once per distinct frequency per evaluation, not per
        // history (the same sum as LogLikelihood's, several times cheaper on large samples).
        var frequencies = groups.Select(g => g.History.Frequency).Distinct().Order().ToArray();
        var frequencyIndex = groups.Select(g => Array.BinarySearch(frequencies, g.History.Frequency)).ToArray();
        var shared = new double[frequencies.Length];
        var best = MaximumLikelihood.Maximise(
            p =>
            {
                var (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
                var constant = -SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b);
                for (var f = 0; f < frequencies.Length; f++)
                {
                    var x = frequencies[f];
                    shared[f] = constant + SpecialFunctions.GammaLn(r + x) + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(a + b + x);
                }
                var logA = Math.Log(a);
                var sum = 0.0;
                for (var i = 0; i < groups.Length; i++)
                {
                    var (h, count) = groups[i];
                    var x = h.Frequency;
                    var a3 = -(r + x) * Math.Log(alpha + h.Age);
                    double term;
                    if (x == 0)
                    {
                        term = a3;
                    }
                    else
                    {
                        var a4 = logA - Math.Log(b + x - 1) - ((r + x) * Math.Log(alpha + h.Recency));
                        var max = Math.Max(a3, a4);
                        term = max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
                    }
                    sum += count * (shared[frequencyIndex[i]] + term);
                }
                return sum;
            },
            start: [1.0, 1.0, 1.0, 1.0],
            budget);
        return new BgNbdModel(best[0], best[1], best[2], best[3]);
    }
}
