namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// Builds <see cref="PurchaseHistory"/> summaries from dated purchases the way the BTYD literature counts them: one
/// occasion per customer-day (values of one day summed), the first day is the birth and not a repeat, and only
/// days up to the end of the calibration period count.
/// </summary>
public static class PurchaseHistories
{
    /// <summary>One purchase: who, which UTC day, what value.</summary>
    public readonly record struct Purchase(string CustomerId, DateOnly Day, double Value);

    /// <summary>
    /// The summary of a profile's <see cref="Profiles.PurchaseStats"/> as of <paramref name="asOf"/> (its purchases up to
    /// then): the same counting as <see cref="Summarise"/>, exact while the purchase days fit the profile's day window
    /// (<see cref="Profiles.ProfileLimits.ActiveDaysWindow"/>); null when the first purchase is after the as-of day.
    /// Purchases after the as-of day must not be in the profile (evaluate on profiles built up to then).
    /// </summary>
    public static PurchaseHistory? FromProfile(Profiles.PurchaseStats purchases, DateOnly asOf, double daysPerUnit = 7)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(daysPerUnit);
        if (purchases.Days.First is not { } first || purchases.Days.Last is not { } last || first > asOf)
        {
            return null;
        }
        var repeats = purchases.Days.Count - 1;
        var recency = repeats == 0 ? 0 : (last.DayNumber - first.DayNumber) / daysPerUnit;
        var monetary = repeats == 0 ? 0 : (purchases.Total - purchases.FirstDayTotal) / repeats;
        return new PurchaseHistory(repeats, recency, (asOf.DayNumber - first.DayNumber) / daysPerUnit, monetary);
    }

    /// <summary>
    /// Summaries per customer whose first purchase is on or before <paramref name="calibrationEnd"/>, with times in
    /// units of <paramref name="daysPerUnit"/> days (7 for weeks).
    /// </summary>
    public static IReadOnlyDictionary<string, PurchaseHistory> Summarise(IEnumerable<Purchase> purchases, DateOnly calibrationEnd, double daysPerUnit = 7)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(daysPerUnit);
        var byCustomer = new Dictionary<string, SortedDictionary<int, double>>(StringComparer.Ordinal);
        foreach (var purchase in purchases)
        {
            if (purchase.Day > calibrationEnd)
            {
                continue;
            }
            if (!byCustomer.TryGetValue(purchase.CustomerId, out var days))
            {
                byCustomer[purchase.CustomerId] = days = new SortedDictionary<int, double>();
            }
            days[purchase.Day.DayNumber] = days.GetValueOrDefault(purchase.Day.DayNumber) + purchase.Value;
        }

        var end = calibrationEnd.DayNumber;
        var result = new Dictionary<string, PurchaseHistory>(byCustomer.Count, StringComparer.Ordinal);
        foreach (var (customer, days) in byCustomer)
        {
            var first = days.Keys.First();
            var repeats = days.Skip(1).ToList();
            var recency = repeats.Count == 0 ? 0 : (repeats[^1].Key - first) / daysPerUnit;
            var monetary = repeats.Count == 0 ? 0 : repeats.Average(d => d.Value);
            result[customer] = new PurchaseHistory(repeats.Count, recency, (end - first) / daysPerUnit, monetary);
        }
        return result;
    }
}
