using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Tests.Profiles;

namespace Longview.Core.Tests.Serving;

/// <summary>
/// What a request withholds and the fatigue the ranker sees, against their definition: the request's exclusions, the
/// consumed items, and the items whose decayed impression count reaches the threshold are withheld; every other item's
/// fatigue is its count over the threshold (0 without impressions).
/// </summary>
[Properties(Arbitrary = [typeof(EventHistories)], MaxTest = 300)]
public sealed class ItemExclusionsProperties
{
    private static readonly DateTimeOffset Around = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Property]
    public void Withheld_items_and_fatigue_levels_follow_the_decayed_impression_counts(EventHistory history, byte threshold, byte days)
    {
        var profile = EventHistories.Fold(new ProfileAggregator(new ProfileLimits()), history.Events, history);
        // Thresholds from 0.1 to 4 and a time within the history or after it, so that both sides of the threshold occur.
        var options = new ExclusionOptions { FatigueThreshold = 0.1 + threshold % 40 / 10.0 };
        var now = Around.AddDays(days % 60);
        var counts = ImpressionFatigue.Compute(profile, now, options.FatigueHalfLife);

        var exclusions = ItemExclusions.For(profile, ["i7"], now, options);

        foreach (var item in Enumerable.Range(0, 8).Select(i => $"i{i}").Append("unseen"))
        {
            var consumed = profile.Recent.Any(e => e.ItemId == item && options.ConsumedTypes.Contains(e.Type));
            var count = counts.GetValueOrDefault(item);
            var fatigued = count >= options.FatigueThreshold;
            Assert.Equal(item == "i7" || consumed || fatigued, exclusions.IsExcluded(item));
            Assert.Equal(fatigued ? 0 : count / options.FatigueThreshold, exclusions.FatigueOf(item));
        }
        Assert.Equal(exclusions.ExcludedIds.Count, exclusions.ExcludedIds.Distinct().Count());
    }

    /// <summary>
    /// The decayed counts are the definition evaluated impression by impression, to the last bit: the weight that
    /// <see cref="ImpressionFatigue"/> reuses across impressions of one instant (a served list) is the one each would get.
    /// A quarter of the generated events fall on whole days, so many impressions share an instant (in other offsets too).
    /// </summary>
    [Property]
    public void Decayed_counts_are_the_sum_of_each_impression_s_weight(EventHistory history, byte days)
    {
        var profile = EventHistories.Fold(new ProfileAggregator(new ProfileLimits()), history.Events, history);
        var now = Around.AddDays(days % 60);
        var halfLife = new ExclusionOptions().FatigueHalfLife;
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var impression in profile.Impressions)
        {
            var engaged = profile.Recent.Where(e => e.ItemId == impression.ItemId && e.Type.IsEngagement()).Select(e => (DateTimeOffset?)e.Timestamp).Max();
            if (profile.RecentHorizon is { } horizon && impression.Timestamp <= horizon || engaged is { } t && impression.Timestamp <= t)
            {
                continue;
            }
            expected[impression.ItemId] = expected.GetValueOrDefault(impression.ItemId) + Math.Pow(0.5, Math.Max((now - impression.Timestamp) / halfLife, 0));
        }

        var counts = ImpressionFatigue.Compute(profile, now, halfLife);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), counts.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Property]
    public void Without_a_profile_only_the_request_s_own_exclusions_apply(byte count)
    {
        var requested = Enumerable.Range(0, count % 5).Select(i => $"i{i}").ToArray();

        var exclusions = ItemExclusions.For(null, requested, Around, new ExclusionOptions());

        Assert.Equal(requested, exclusions.ExcludedIds.Order(StringComparer.Ordinal));
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(0, exclusions.FatigueOf($"i{i}")));
    }
}
