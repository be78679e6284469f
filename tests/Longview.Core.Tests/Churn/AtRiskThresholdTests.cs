using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Churn;
using Longview.Core.Retention;

namespace Longview.Core.Tests.Churn;

public sealed class AtRiskThresholdTests
{
    [Fact]
    public void An_operating_point_counts_risks_strictly_above_the_threshold()
    {
        (double, bool)[] scored = [(0.9, true), (0.6, false), (0.3, true), (0.3, false), (0.1, false)];

        var point = ChurnOperatingPoint.At(scored, 0.3);

        Assert.Equal(0.4, point.Flagged, 12); // 0.9 and 0.6; the two at exactly 0.3 are not flagged
        Assert.Equal(0.5, point.Precision, 12);
        Assert.Equal(0.5, point.Recall, 12);
        Assert.Equal(0.5, point.F1, 12);
        Assert.Equal(0.5 / 0.4, point.Lift, 12);
        Assert.Equal(0, ChurnOperatingPoint.At(scored, 0.95).Precision);
    }

    [Fact]
    public void With_the_default_settings_the_fallback_score_can_put_an_active_user_at_risk()
    {
        // The recency-frequency score of a user active within ActiveMaxRecencyDays is at most w·7/90 + (1 − w) = 0.354
        // with the default weights: the former default threshold of 0.5 never flagged anyone through it.
        var options = new LifecycleOptions();
        var asOf = new DateOnly(2026, 6, 30);
        // Regular until a week ago, one active day in the last 30: the kind of slipping user the segment exists for.
        var once = UserActivity.FromDays("u", [asOf.AddDays(-60), asOf.AddDays(-45), asOf.AddDays(-30), asOf.AddDays(-options.ActiveMaxRecencyDays)]);

        var risk = new RecencyFrequencyChurnScore(options).Score(once, asOf);

        Assert.True(risk > options.ChurnRiskThreshold, $"risk {risk} vs threshold {options.ChurnRiskThreshold}");
        Assert.Equal(LifecycleSegment.AtRisk, new LifecycleClassifier(options).Classify(once, asOf, risk));
    }
}
