using MathNet.Numerics.Distributions;

namespace Longview.Core.Lifecycle.Survival;

/// <summary>
/// The Kaplan–Meier estimator with right censoring: S(t) = Π over event times tⱼ ≤ t of (1 − dⱼ/nⱼ), where nⱼ are
/// the lifespans still at risk at tⱼ (duration ≥ tⱼ) and dⱼ those that churned at tⱼ. A lifespan censored at tⱼ counts
/// as at risk at tⱼ (the usual convention: censoring happens just after the events of its time). Standard errors by
/// Greenwood's formula; bands and the median's interval on the cloglog scale, as statsmodels' SurvfuncRight and SAS do.
/// </summary>
public sealed class KaplanMeier
{
    private KaplanMeier(IReadOnlyList<SurvivalStep> steps, int count, double confidence)
    {
        Steps = steps;
        Count = count;
        Confidence = confidence;
    }

    /// <summary>The curve at each distinct churn time, ascending.</summary>
    public IReadOnlyList<SurvivalStep> Steps { get; }

    /// <summary>How many lifespans the curve was estimated from.</summary>
    public int Count { get; }

    /// <summary>The nominal coverage of <see cref="SurvivalStep.Lower"/>/<see cref="SurvivalStep.Upper"/> and <see cref="MedianInterval"/>.</summary>
    public double Confidence { get; }

    public static KaplanMeier Estimate(IEnumerable<Lifespan> lifespans, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(lifespans);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1)");
        }
        var sorted = lifespans.ToArray();
        foreach (var l in sorted)
        {
            if (!(l.Duration >= 0) || double.IsInfinity(l.Duration))
            {
                throw new ArgumentException($"Duration: {l.Duration} is not a finite non-negative time", nameof(lifespans));
            }
        }
        Array.Sort(sorted, (x, y) => x.Duration.CompareTo(y.Duration));
        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));

        var steps = new List<SurvivalStep>();
        double survival = 1, greenwood = 0;
        var atRisk = sorted.Length;
        for (var i = 0; i < sorted.Length;)
        {
            var time = sorted[i].Duration;
            int churned = 0, leaving = 0;
            for (; i < sorted.Length && sorted[i].Duration == time; i++, leaving++)
            {
                churned += sorted[i].Churned ? 1 : 0;
            }
            if (churned > 0)
            {
                survival *= 1 - ((double)churned / atRisk);
                // Greenwood's sum is undefined once everyone at risk churned (S = 0): the error is then 0 by convention.
                greenwood = churned < atRisk ? greenwood + ((double)churned / (atRisk * (atRisk - churned))) : double.NaN;
                var se = double.IsNaN(greenwood) ? 0 : survival * Math.Sqrt(greenwood);
                var (lower, upper) = Band(survival, se, z);
                steps.Add(new SurvivalStep(time, atRisk, churned, survival, se, lower, upper));
            }
            atRisk -= leaving;
        }
        return new KaplanMeier(steps, sorted.Length, confidence);
    }

    /// <summary>S(t): the share expected to survive beyond <paramref name="time"/>.</summary>
    public double SurvivalAt(double time)
    {
        var s = 1.0;
        foreach (var step in Steps)
        {
            if (step.Time > time)
            {
                break;
            }
            s = step.Survival;
        }
        return s;
    }

    /// <summary>The median lifespan: the first churn time where S drops below 1/2 (null while it has not).</summary>
    public double? Median => Quantile(0.5);

    /// <summary>The time by which a share <paramref name="p"/> has churned (strictly below 1 − p, as SAS and statsmodels).</summary>
    public double? Quantile(double p) => Steps.FirstOrDefault(s => s.Survival < 1 - p)?.Time;

    /// <summary>
    /// The interval of the median by inverting the cloglog-scale test at each churn time (Brookmeyer–Crowley, as SAS):
    /// its limits are churn times; an open upper end is +∞. Null when no time qualifies.
    /// </summary>
    public (double Lower, double Upper)? MedianInterval
    {
        get
        {
            var z = Normal.InvCDF(0, 1, 1 - ((1 - Confidence) / 2));
            var inside = new List<int>();
            for (var i = 0; i < Steps.Count; i++)
            {
                var s = Steps[i];
                var g = Math.Log(-Math.Log(s.Survival)) - Math.Log(-Math.Log(0.5));
                var derivative = -1 / (s.Survival * Math.Log(s.Survival));
                if (Math.Abs(g / (derivative * s.StandardError)) <= z)
                {
                    inside.Add(i);
                }
            }
            if (inside.Count == 0)
            {
                return null;
            }
            var upper = inside[^1] == Steps.Count - 1 ? double.PositiveInfinity : Steps[inside[^1] + 1].Time;
            return (Steps[inside[0]].Time, upper);
        }
    }

    /// <summary>The restricted mean lifespan up to <paramref name="horizon"/>: the area under S(t) on [0, horizon].</summary>
    public double RestrictedMean(double horizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        double area = 0, previousTime = 0, s = 1;
        foreach (var step in Steps)
        {
            if (step.Time >= horizon)
            {
                break;
            }
            area += s * (step.Time - previousTime);
            previousTime = step.Time;
            s = step.Survival;
        }
        return area + (s * (horizon - previousTime));
    }

    private static (double Lower, double Upper) Band(double survival, double se, double z)
    {
        if (survival <= 0 || survival >= 1 || se == 0)
        {
            return (survival, survival);
        }
        // cloglog: g(S) = log(−log S), Var g ≈ se² / (S log S)²; back-transformed, the band stays inside (0, 1).
        var logLog = Math.Log(-Math.Log(survival));
        var spread = z * se / Math.Abs(survival * Math.Log(survival));
        return (Math.Exp(-Math.Exp(logLog + spread)), Math.Exp(-Math.Exp(logLog - spread)));
    }
}
