namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// One customer's repeat-purchase summary in the BTYD vocabulary, time in a fixed unit (weeks in the literature):
/// frequency x = repeat purchase occasions after the first, recency t_x = time of the last one since the first
/// purchase (0 when x = 0), age T = time from the first purchase to the end of the observation period, and
/// monetary value m = the mean value of the repeat occasions (0 when x = 0).
/// </summary>
public readonly record struct PurchaseHistory(int Frequency, double Recency, double Age, double MonetaryValue)
{
    /// <summary>Throws with the field that breaks 0 ≤ t_x ≤ T, x ≥ 0, t_x = 0 when x = 0, m ≥ 0.</summary>
    public void EnsureValid()
    {
        if (Frequency < 0) throw new ArgumentException($"Frequency: {Frequency} is negative");
        if (!(Age >= 0) || double.IsInfinity(Age)) throw new ArgumentException($"Age: {Age} is not a finite non-negative time");
        if (!(Recency >= 0) || Recency > Age) throw new ArgumentException($"Recency: {Recency} is outside [0, Age = {Age}]");
        if (Frequency == 0 && Recency != 0) throw new ArgumentException($"Recency: {Recency} must be 0 when Frequency is 0");
        if (!(MonetaryValue >= 0) || double.IsInfinity(MonetaryValue)) throw new ArgumentException($"MonetaryValue: {MonetaryValue} is not a finite non-negative amount");
    }
}
