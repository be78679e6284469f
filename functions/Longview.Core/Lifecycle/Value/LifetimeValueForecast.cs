namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// One buyer's forecast over <see cref="HorizonDays"/>: P(alive) now (BG/NBD), the expected repeat purchase days, the
/// expected value of each (Gamma-Gamma) and their product, the predicted lifetime value over the horizon (undiscounted,
/// in the deployment's currency).
/// </summary>
public sealed record LifetimeValueForecast(int HorizonDays, double ProbabilityAlive, double ExpectedPurchases, double ExpectedSpendPerPurchase, double ExpectedValue);
