namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// What the daily lifecycle job asks per user: expected purchases and expected value over a horizon in days, from the
/// profile's purchase summary. Purchases come from <see cref="BgNbdPoissonRegression"/> (BG/NBD corrected by the
/// buyer's features), value per purchase from <see cref="GammaGammaModel"/> (spend is independent of the purchase
/// process in that model, so the product is the expected value). Both models are fitted once per run; this is pure.
/// </summary>
public sealed class LifetimeValueForecaster(BgNbdPoissonRegression purchases, GammaGammaModel spend, double daysPerUnit = 7)
{
    /// <summary>The forecast of a profile's purchases as of <paramref name="asOf"/>; null when it has no purchase by then.</summary>
    public LifetimeValueForecast? Forecast(Profiles.PurchaseStats stats, DateOnly asOf, int horizonDays) =>
        PurchaseFeatures.FromProfile(stats, asOf, daysPerUnit) is { } features ? Forecast(features, horizonDays) : null;

    public LifetimeValueForecast Forecast(PurchaseFeatures features, int horizonDays)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        var expected = purchases.ExpectedPurchases(features, horizonDays / daysPerUnit);
        var perPurchase = spend.ExpectedSpend(features.History.Frequency, features.History.MonetaryValue);
        return new LifetimeValueForecast(horizonDays, purchases.Baseline.ProbabilityAlive(features.History), expected, perPurchase, expected * perPurchase);
    }
}
