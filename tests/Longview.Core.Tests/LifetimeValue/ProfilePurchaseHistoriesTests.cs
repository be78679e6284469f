using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Lifecycle.Value;
using Longview.Core.Profiles;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Core.Tests.LifetimeValue;

/// <summary>
/// The profile is the feature store: CDNOW's calibration purchases, imported through the product's own path (the cdnow
/// format → EventIngestion → profiles), give every customer the same x, t_x, T and spend as the literature's counting
/// of the raw file, so the lifetime-value models can read profiles.
/// </summary>
public sealed class ProfilePurchaseHistoriesTests
{
    [CdnowFact]
    public async Task Profiles_built_by_ingestion_give_the_literatures_purchase_histories()
    {
        var store = await CdnowSample.CalibrationProfilesAsync();

        var expected = PurchaseHistories.Summarise(CdnowSample.Purchases(), CdnowSample.CalibrationEnd);
        var expectedFeatures = PurchaseFeatures.Summarise(CdnowSample.Purchases(), CdnowSample.CalibrationEnd);
        var actual = new Dictionary<string, PurchaseHistory>(StringComparer.Ordinal);
        await foreach (var profile in store.ScanAsync())
        {
            actual[profile.UserId] = PurchaseHistories.FromProfile(profile.Purchases!, CdnowSample.CalibrationEnd)!.Value;
            // The regression's features too: first-day spend, purchases per day, gap regularity, overdue.
            var features = PurchaseFeatures.FromProfile(profile.Purchases!, CdnowSample.CalibrationEnd)!;
            var want = expectedFeatures[profile.UserId];
            foreach (var (w, g) in want.Vector().Zip(features.Vector()))
            {
                Assert.Equal(w, g, 9);
            }
        }

        Assert.Equal(expected.Count, actual.Count);
        foreach (var (customer, history) in expected)
        {
            var got = actual[customer];
            Assert.Equal((history.Frequency, history.Recency, history.Age), (got.Frequency, got.Recency, got.Age));
            Assert.Equal(history.MonetaryValue, got.MonetaryValue, 9);
        }
    }
}
