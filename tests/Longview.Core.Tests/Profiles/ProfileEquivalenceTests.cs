using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Profiles;

public sealed class ProfileEquivalenceTests
{
    private static UserProfile Profile(double ratingSum, long views)
    {
        var profile = ProfileAggregator.NewProfile("u1");
        profile.Ratings.Sum = ratingSum;
        profile.Counts[EventType.View] = views;
        return profile;
    }

    [Fact]
    public void Fractional_sums_may_differ_by_rounding_only()
    {
        Assert.True(ProfileEquivalence.AreEquivalent(Profile(0.1 + 0.2 + 0.3, 1), Profile(0.3 + 0.2 + 0.1, 1)));
        Assert.Equal("$.ratings.sum (0.6 vs 0.61)", ProfileEquivalence.Difference(Profile(0.6, 1), Profile(0.61, 1)));
    }

    [Fact]
    public void Counts_must_match_exactly()
    {
        Assert.Equal("$.counts.view (1000000000001 vs 1000000000002)", ProfileEquivalence.Difference(Profile(1, 1_000_000_000_001), Profile(1, 1_000_000_000_002)));
    }
}
