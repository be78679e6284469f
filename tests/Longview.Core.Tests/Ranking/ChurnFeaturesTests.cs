using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serving.Churn;
using Longview.Core.Lifecycle;
using Longview.Core.Serving.Segments;

namespace Longview.Core.Tests.Ranking;

public sealed class ChurnFeaturesTests
{
    private static readonly DateOnly T = new(2026, 11, 20);

    private static UserProfile Profile()
    {
        var day = (int d) => new DateTimeOffset(T.AddDays(-d).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var profile = new UserProfile
        {
            UserId = "u",
            FirstSeen = day(100),
            Recent = [new("a", day(100), EventType.View), new("b", day(40), EventType.View), new("c", day(20), EventType.Click), new("d", day(5), EventType.View), new("e", day(-1), EventType.View)],
        };
        foreach (var d in new[] { 100, 40, 20, 5, -1 })
        {
            profile.ActiveDays.Add(T.AddDays(-d));
        }
        return profile;
    }

    [Fact]
    public void Computes_the_training_jobs_definitions_as_of_the_end_of_the_day()
    {
        var order = Enum.GetValues<ChurnFeature>();
        var values = new float[order.Length];

        ChurnFeatures.Fill(Profile(), T, order, values);

        // The event and active day after T (tomorrow) must not leak in.
        Assert.Equal(
            [(float)Math.Log(1 + 5), (float)Math.Log(1 + 100), 1, 2, 3, (float)Math.Log(1 + 2), (float)Math.Log(1 + 4)],
            values);
    }

    [Fact]
    public void Follows_the_manifest_order()
    {
        var values = new float[2];

        ChurnFeatures.Fill(Profile(), T, [ChurnFeature.ActiveDays90d, ChurnFeature.ActiveDays7d], values);

        Assert.Equal([3f, 1f], values);
    }

    [Fact]
    public void Wire_names_round_trip_and_unknown_names_are_refused()
    {
        foreach (var feature in Enum.GetValues<ChurnFeature>())
        {
            Assert.True(ChurnFeatureNames.TryParse(feature.ToWireName(), out var parsed));
            Assert.Equal(feature, parsed);
        }
        Assert.False(ChurnFeatureNames.TryParse("shoe_size", out _));
    }

    [Theory]
    [InlineData(null, 0, "new")]
    [InlineData(100, 0, "active")]
    [InlineData(100, 10, "at_risk")]
    [InlineData(100, 40, "dormant")]
    [InlineData(200, 120, "churned")]
    [InlineData(3, 0, "new")]
    public void Segments_follow_the_team_lifecycle_rules(int? firstSeenDaysAgo, int idleDays, string segment)
    {
        UserProfile? profile = null;
        if (firstSeenDaysAgo is { } first)
        {
            profile = new UserProfile { UserId = "u", FirstSeen = new DateTimeOffset(T.AddDays(-first).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };
            profile.LastSeen = new DateTimeOffset(T.AddDays(-idleDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // Active every few days from first seen until the last active day: no long gap, so not reactivated.
            for (var d = first; d >= idleDays; d -= 5)
            {
                profile.ActiveDays.Add(T.AddDays(-d));
            }
            profile.ActiveDays.Add(T.AddDays(-idleDays));
        }

        Assert.Equal(segment, ProfileLifecycle.Classify(Classifier, profile, T, null).ToWireName());
    }

    [Fact]
    public void A_returning_user_after_a_long_gap_is_reactivated_and_high_churn_risk_is_at_risk()
    {
        var profile = new UserProfile { UserId = "u", FirstSeen = new DateTimeOffset(T.AddDays(-200).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };
        profile.ActiveDays.Add(T.AddDays(-200));
        profile.ActiveDays.Add(T.AddDays(-60));
        profile.ActiveDays.Add(T.AddDays(-1));
        profile.ActiveDays.Add(T);
        var steady = new UserProfile { UserId = "s", FirstSeen = profile.FirstSeen };
        foreach (var d in Enumerable.Range(0, 200))
        {
            steady.ActiveDays.Add(T.AddDays(-d));
        }

        Assert.Equal(LifecycleSegment.Reactivated, ProfileLifecycle.Classify(Classifier, profile, T, null));
        Assert.Equal(LifecycleSegment.Active, ProfileLifecycle.Classify(Classifier, steady, T, 0.1));
        Assert.Equal(LifecycleSegment.AtRisk, ProfileLifecycle.Classify(Classifier, steady, T, 0.9));
    }

    private static readonly LifecycleClassifier Classifier = new(new LifecycleOptions());
}
