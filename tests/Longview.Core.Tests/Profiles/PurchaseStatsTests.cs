using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Profiles;

public sealed class PurchaseStatsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProfileAggregator Aggregator = new(new ProfileLimits());

    private static UserEvent Event(string id, EventType type, DateTimeOffset at, double? value = null) => new(id, "u1", "i1", type, at, value);

    [Fact]
    public void Purchases_sum_their_values_count_days_and_keep_the_first_days_spend()
    {
        var profile = ProfileAggregator.NewProfile("u1");
        Aggregator.Apply(profile, Event("p3", EventType.Purchase, T0.AddDays(9), 7.5), []);
        Aggregator.Apply(profile, Event("p1", EventType.Purchase, T0, 10), []);
        Aggregator.Apply(profile, Event("p2", EventType.Purchase, T0.AddHours(3), 2.25), []);
        Aggregator.Apply(profile, Event("p4", EventType.Purchase, T0.AddDays(9).AddHours(1)), []); // no amount given
        Aggregator.Apply(profile, Event("r1", EventType.Rating, T0, 5), []);                       // not money
        Assert.Equal(EventOutcome.Duplicate, Aggregator.Apply(profile, Event("p1", EventType.Purchase, T0, 10), []));

        var purchases = profile.Purchases!;
        Assert.Equal(4, purchases.Count);
        Assert.Equal(3, purchases.Valued);
        Assert.Equal(19.75, purchases.Total, 12);
        Assert.Equal(12.25, purchases.FirstDayTotal, 12);
        Assert.Equal(T0, purchases.First);
        Assert.Equal(T0.AddDays(9).AddHours(1), purchases.Last);
        Assert.Equal([DateOnly.FromDateTime(T0.UtcDateTime), DateOnly.FromDateTime(T0.AddDays(9).UtcDateTime)], purchases.Days.Days);
    }

    [Fact]
    public void A_profile_without_money_keeps_its_stored_form_and_a_deployment_may_name_more_monetary_types()
    {
        var profile = ProfileAggregator.NewProfile("u1");
        Aggregator.Apply(profile, Event("v1", EventType.View, T0, 30), []);
        Assert.Null(profile.Purchases);
        Assert.DoesNotContain("purchases", JsonSerializer.Serialize(profile, LongviewJson.Options), StringComparison.Ordinal);

        var shares = new ProfileAggregator(new ProfileLimits { MonetaryTypes = [EventType.Purchase, EventType.Share] });
        shares.Apply(profile, Event("s1", EventType.Share, T0, 4), []);
        Assert.Equal(4, profile.Purchases!.Total);
    }

    [Fact]
    public void The_stored_purchases_read_back_equal()
    {
        var profile = ProfileAggregator.NewProfile("u1");
        Aggregator.Apply(profile, Event("p1", EventType.Purchase, T0, 10), []);
        Aggregator.Apply(profile, Event("p2", EventType.Purchase, T0.AddDays(3), 1), []);

        var read = JsonSerializer.Deserialize<UserProfile>(JsonSerializer.Serialize(profile, LongviewJson.Options), LongviewJson.Options)!;

        Assert.Null(ProfileEquivalence.Difference(profile, read));
        Assert.Equal(2, read.Purchases!.Days.Count);
    }
}
