using MathNet.Numerics;

namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// The Gamma-Gamma model of spend per purchase (Fader, Hardie &amp; Lee 2005, "RFM and CLV", and Fader &amp; Hardie's
/// note "The Gamma-Gamma model of monetary value"): a customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ),
/// independent of the purchase process. Fitted on repeat buyers (x &gt; 0) from their mean repeat value m_x.
/// </summary>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    /// <summary>The log-likelihood of one repeat buyer's mean spend m_x over x purchases (the note's equation 3).</summary>
    public double LogLikelihood(int frequency, double meanSpend)
    {
        if (frequency <= 0 || !(meanSpend > 0))
        {
            throw new ArgumentException($"the Gamma-Gamma likelihood needs x > 0 and m_x > 0, got x = {frequency}, m_x = {meanSpend}");
        }
        var px = P * frequency;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + (Q * Math.Log(Gamma)) + ((px - 1) * Math.Log(meanSpend)) + (px * Math.Log(frequency))
            - ((px + Q) * Math.Log(Gamma + (meanSpend * frequency)));
    }

    /// <summary>
    /// E[M | x, m_x]: the expected value of this customer's future purchases (the note's equation 5; lifetimes'
    /// conditional_expected_average_profit). With x = 0 it is the population mean pγ/(q − 1).
    /// </summary>
    public double ExpectedSpend(int frequency, double meanSpend)
    {
        if (!(Q > 1))
        {
            throw new InvalidOperationException($"the mean spend is infinite when q ≤ 1 (q = {Q})");
        }
        return frequency <= 0
            ? P * Gamma / (Q - 1)
            : P * (Gamma + (frequency * meanSpend)) / ((P * frequency) + Q - 1);
    }

    /// <summary>Maximum-likelihood fit over the repeat buyers among <paramref name="histories"/>.</summary>
    public static GammaGammaModel Fit(IEnumerable<PurchaseHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var buyers = histories.Where(h => h.Frequency > 0 && h.MonetaryValue > 0).Select(h => (h.Frequency, h.MonetaryValue)).ToArray();
        if (buyers.Length == 0)
        {
            throw new ArgumentException("no repeat buyers with a positive spend to fit", nameof(histories));
        }
        var best = MaximumLikelihood.Maximise(
            p => buyers.Sum(b => new GammaGammaModel(p[0], p[1], p[2]).LogLikelihood(b.Frequency, b.MonetaryValue)),
            start: [1.0, 1.0, 1.0]);
        return new GammaGammaModel(best[0], best[1], best[2]);
    }
}
