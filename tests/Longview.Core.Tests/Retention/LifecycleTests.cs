using Longview.Core.Lifecycle;
using Longview.Core.Retention;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class LifecycleTests
{
    private static readonly DateOnly AsOf = D("2024-06-30");
    private static readonly LifecycleClassifier Classifier = new(new LifecycleOptions());

    /// <summary>A user active every day from January 1st until <paramref name="recency"/> days before the as-of day.</summary>
    private static UserActivity LastActive(int recency)
    {
        var last = AsOf.AddDays(-recency);
        return UserActivity.FromDays("u", Enumerable.Range(0, last.DayNumber - D("2024-01-01").DayNumber + 1).Select(i => D("2024-01-01").AddDays(i)));
    }

    [Theory]
    [InlineData(0, LifecycleSegment.Active)]
    [InlineData(7, LifecycleSegment.Active)]
    [InlineData(8, LifecycleSegment.AtRisk)]
    [InlineData(30, LifecycleSegment.AtRisk)]
    [InlineData(31, LifecycleSegment.Dormant)]
    [InlineData(90, LifecycleSegment.Dormant)]
    [InlineData(91, LifecycleSegment.Churned)]
    public void Recency_thresholds_are_inclusive_upper_bounds(int recency, LifecycleSegment expected)
    {
        Assert.Equal(expected, Classifier.Classify(LastActive(recency), AsOf));
    }

    [Theory]
    [InlineData("2024-06-23", LifecycleSegment.New)]    // 7 days old
    [InlineData("2024-06-30", LifecycleSegment.New)]    // first seen on the as-of day
    [InlineData("2024-06-22", LifecycleSegment.Active)] // 8 days old, back on the as-of day after 7 quiet days
    public void New_means_first_seen_at_most_seven_days_before(string firstSeen, LifecycleSegment expected)
    {
        Assert.Equal(expected, Classifier.Classify(User("u", firstSeen, "2024-06-30"), AsOf));
    }

    [Fact]
    public void A_user_first_seen_after_the_as_of_day_has_no_segment()
    {
        Assert.Null(Classifier.Classify(User("u", "2024-07-01"), AsOf));
    }

    [Theory]
    [InlineData("2024-05-28", LifecycleSegment.Reactivated)] // 30 days without activity between 05-28 and 06-28
    [InlineData("2024-05-29", LifecycleSegment.Active)]      // only 29
    public void Reactivated_means_a_return_within_the_active_window_after_a_gap(string before, LifecycleSegment expected)
    {
        Assert.Equal(expected, Classifier.Classify(User("u", "2024-01-01", before, "2024-06-28"), AsOf));
    }

    [Fact]
    public void A_return_before_the_active_window_is_no_longer_a_reactivation()
    {
        // Came back on 06-20 after a long gap, but 06-20 is 10 days ago: at risk, not reactivated.
        Assert.Equal(LifecycleSegment.AtRisk, Classifier.Classify(User("u", "2024-01-01", "2024-06-20"), AsOf));
    }

    [Fact]
    public void Activity_after_the_as_of_day_is_ignored()
    {
        Assert.Equal(LifecycleSegment.Dormant, Classifier.Classify(User("u", "2024-01-01", "2024-05-01", "2024-07-15"), AsOf));
    }

    [Theory]
    [InlineData(0.26, LifecycleSegment.AtRisk)]
    [InlineData(0.25, LifecycleSegment.Active)] // the default threshold 0.25 is strict
    public void An_active_user_with_churn_risk_above_the_threshold_is_at_risk(double risk, LifecycleSegment expected)
    {
        Assert.Equal(expected, Classifier.Classify(LastActive(0), AsOf, risk));
    }

    [Fact]
    public void A_churn_risk_outside_zero_to_one_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Classifier.Classify(LastActive(0), AsOf, 1.5));
        Assert.Contains("churn risk", error.Message);
        Assert.DoesNotContain("'u'", error.Message);
    }

    [Fact]
    public void Churn_score_follows_the_documented_formula()
    {
        var score = new RecencyFrequencyChurnScore(new LifecycleOptions());
        var daily = UserActivity.FromDays("daily", Enumerable.Range(0, 12).Select(i => AsOf.AddDays(-i)));

        Assert.Equal(0.0, score.Score(daily, AsOf), 12);                               // recency 0, 12 days >= target 10
        Assert.Equal(0.3 * 0.5, score.Score(User("u", "2024-06-01", "2024-06-10", "2024-06-20", "2024-06-25", "2024-06-30"), AsOf), 12);
        Assert.Equal((0.7 * 0.5) + 0.3, score.Score(LastActive(45), AsOf), 12);       // recency 45 of 90, nothing in 30 days
        Assert.Equal(1.0, score.Score(LastActive(120), AsOf), 12);
    }

    [Fact]
    public void Tally_counts_each_user_once_and_skips_users_not_yet_seen()
    {
        var tally = new SegmentTally(Classifier, AsOf);
        foreach (var user in new[] { LastActive(0), LastActive(10), LastActive(40), LastActive(100), User("n", "2024-06-29"), User("later", "2024-07-02") })
        {
            tally.Add(user);
        }

        Assert.Equal(new SegmentCounts(AsOf, New: 1, Active: 1, Reactivated: 0, AtRisk: 1, Dormant: 1, Churned: 1), tally.Counts());
        Assert.Equal(5, tally.Counts().Total);
    }

    [Fact]
    public void Thresholds_out_of_order_are_refused_with_the_field_named()
    {
        var options = new LifecycleOptions { AtRiskMaxRecencyDays = 100 };

        var error = Assert.Throws<ArgumentException>(() => new LifecycleClassifier(options));

        Assert.Contains("DormantMaxRecencyDays", error.Message);
    }
}
