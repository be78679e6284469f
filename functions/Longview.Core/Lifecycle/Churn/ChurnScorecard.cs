namespace Longview.Core.Lifecycle.Churn;

/// <summary>
/// How well a churn score separates and how well it is calibrated, on users labelled by what they did next
/// (churned = no activity in the N days after the cut-off): ROC-AUC, PR-AUC (average precision, as scikit-learn's
/// average_precision_score), the Brier score, a calibration table of equal-size bins and the lift in the top decile.
/// A data scientist reads these side by side for the product's score and its baselines.
/// </summary>
public sealed record ChurnScorecard(
    int Users,
    double BaseRate,
    double? RocAuc,
    double? PrAuc,
    double Brier,
    double? TopDecileLift,
    IReadOnlyList<CalibrationBin> Calibration)
{
    public const int CalibrationBins = 10;

    /// <summary>Scores each (risk in [0, 1], churned) pair; AUCs are null where one class is absent.</summary>
    public static ChurnScorecard Evaluate(IReadOnlyList<(double Risk, bool Churned)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (scored.Count == 0)
        {
            throw new ArgumentException("no scored users to evaluate", nameof(scored));
        }
        foreach (var (risk, _) in scored)
        {
            if (!(risk >= 0 && risk <= 1))
            {
                throw new ArgumentException($"risk: {risk} is outside [0, 1]", nameof(scored));
            }
        }
        // Descending by risk; ties keep input order, which no metric below depends on (ties are grouped).
        var ranked = scored.OrderByDescending(s => s.Risk).ToArray();
        var positives = ranked.Count(s => s.Churned);
        var baseRate = (double)positives / ranked.Length;
        var hasBoth = positives > 0 && positives < ranked.Length;
        return new ChurnScorecard(
            ranked.Length,
            baseRate,
            hasBoth ? MannWhitneyAuc(ranked, positives) : null,
            positives > 0 ? AveragePrecision(ranked, positives) : null,
            ranked.Average(s => Math.Pow(s.Risk - (s.Churned ? 1 : 0), 2)),
            positives > 0 ? TopDecileRate(ranked) / baseRate : null,
            Calibrate(ranked));
    }

    /// <summary>P(risk of a churner &gt; risk of a stayer), ties counting one half (Mann–Whitney).</summary>
    private static double MannWhitneyAuc((double Risk, bool Churned)[] ranked, int positives)
    {
        var negatives = ranked.Length - positives;
        double negativesBelow = negatives, pairs = 0;
        foreach (var group in Groups(ranked))
        {
            var groupPositives = group.Count(s => s.Churned);
            var groupNegatives = group.Length - groupPositives;
            negativesBelow -= groupNegatives;
            pairs += groupPositives * (negativesBelow + (groupNegatives / 2.0));
        }
        return pairs / ((double)positives * negatives);
    }

    /// <summary>Σ (Rₙ − Rₙ₋₁) Pₙ over thresholds at each distinct risk (scikit-learn's definition, no interpolation).</summary>
    private static double AveragePrecision((double Risk, bool Churned)[] ranked, int positives)
    {
        double truePositives = 0, seen = 0, previousRecall = 0, sum = 0;
        foreach (var group in Groups(ranked))
        {
            truePositives += group.Count(s => s.Churned);
            seen += group.Length;
            var recall = truePositives / positives;
            sum += (recall - previousRecall) * (truePositives / seen);
            previousRecall = recall;
        }
        return sum;
    }

    /// <summary>The churn rate among the riskiest tenth (at least one user).</summary>
    private static double TopDecileRate((double Risk, bool Churned)[] ranked)
    {
        var top = Math.Max(1, ranked.Length / 10);
        return (double)ranked.Take(top).Count(s => s.Churned) / top;
    }

    /// <summary>Up to ten bins of (nearly) equal size, from the least to the most risky.</summary>
    private static List<CalibrationBin> Calibrate((double Risk, bool Churned)[] ranked)
    {
        var ascending = ranked.Reverse().ToArray();
        var bins = Math.Min(CalibrationBins, ascending.Length);
        var table = new List<CalibrationBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            var from = (int)((long)b * ascending.Length / bins);
            var to = (int)((long)(b + 1) * ascending.Length / bins);
            var slice = ascending[from..to];
            table.Add(new CalibrationBin(slice.Length, slice.Average(s => s.Risk), slice.Average(s => s.Churned ? 1.0 : 0.0)));
        }
        return table;
    }

    private static IEnumerable<(double Risk, bool Churned)[]> Groups((double Risk, bool Churned)[] ranked)
    {
        for (var i = 0; i < ranked.Length;)
        {
            var j = i;
            while (j < ranked.Length && ranked[j].Risk == ranked[i].Risk)
            {
                j++;
            }
            yield return ranked[i..j];
            i = j;
        }
    }
}
