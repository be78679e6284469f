namespace Longview.Core.Lifecycle.Churn;

/// <summary>
/// What "at risk = risk strictly above <see cref="Threshold"/>" does to a labelled population: the share flagged, the
/// precision (churners among the flagged), the recall (flagged among the churners), their F1, and the lift (precision
/// over the base rate).
/// </summary>
public sealed record ChurnOperatingPoint(double Threshold, int Users, double BaseRate, double Flagged, double Precision, double Recall, double F1, double Lift)
{
    /// <summary>The operating point of <paramref name="threshold"/> on (risk, churned) pairs; precision is 0 when nobody is flagged.</summary>
    public static ChurnOperatingPoint At(IReadOnlyList<(double Risk, bool Churned)> scored, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (scored.Count == 0)
        {
            throw new ArgumentException("no scored users", nameof(scored));
        }
        var positives = scored.Count(s => s.Churned);
        var flagged = scored.Count(s => s.Risk > threshold);
        var hits = scored.Count(s => s.Risk > threshold && s.Churned);
        var baseRate = (double)positives / scored.Count;
        var precision = flagged == 0 ? 0 : (double)hits / flagged;
        var recall = positives == 0 ? 0 : (double)hits / positives;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ChurnOperatingPoint(threshold, scored.Count, baseRate, (double)flagged / scored.Count, precision, recall, f1, baseRate == 0 ? 0 : precision / baseRate);
    }
}
