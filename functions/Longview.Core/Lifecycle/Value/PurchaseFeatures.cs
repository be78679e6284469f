namespace Longview.Core.Lifecycle.Value;

/// <summary>
/// What Longview knows about a buyer beyond the BTYD summary (x, t_x, T, m), as of a day and from purchases up to it:
/// the first day's spend, purchase events per purchase day (several orders on one day), the regularity of the gaps
/// between purchase days (their coefficient of variation; 0 with fewer than two gaps) and how overdue the next purchase
/// is ((T − t_x) over the mean gap t_x / x, capped at <see cref="MaxOverdue"/>; 0 when x = 0). Times in the unit of
/// <see cref="History"/> (weeks in the literature).
/// </summary>
public sealed record PurchaseFeatures(PurchaseHistory History, double FirstDaySpend, double PurchasesPerDay, double GapVariation, double Overdue)
{
    /// <summary>Beyond twenty mean gaps "overdue" says nothing more, and an unbounded ratio would dominate the fit.</summary>
    public const double MaxOverdue = 20;

    /// <summary>The names of <see cref="Vector"/>'s entries, in order.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["ln(1 + mean repeat spend)", "ln(1 + first-day spend)", "ln(1 + purchases per purchase day)", "gap variation", "overdue"];

    /// <summary>The regression's inputs: spend on the log scale (heavy spenders do not dominate), the rest as is.</summary>
    public double[] Vector() =>
    [
        double.LogP1(History.MonetaryValue),
        double.LogP1(FirstDaySpend),
        double.LogP1(PurchasesPerDay),
        GapVariation,
        Overdue,
    ];

    /// <summary>
    /// The features of a profile's <see cref="Profiles.PurchaseStats"/> as of <paramref name="asOf"/>: the same counting
    /// as <see cref="Summarise"/> under the conditions of <see cref="PurchaseHistories.FromProfile"/> (the profile holds
    /// purchases up to the as-of day only, the purchase days fit its window); null when there is no purchase by then.
    /// </summary>
    public static PurchaseFeatures? FromProfile(Profiles.PurchaseStats purchases, DateOnly asOf, double daysPerUnit = 7)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (PurchaseHistories.FromProfile(purchases, asOf, daysPerUnit) is not { } history)
        {
            return null;
        }
        var days = purchases.Days.Days.Where(d => d <= asOf).Select(d => d.DayNumber).ToArray();
        return Build(history, purchases.FirstDayTotal, (double)purchases.Count / days.Length, days, daysPerUnit);
    }

    /// <summary>Features per customer whose first purchase is on or before <paramref name="asOf"/>, from purchases up to it.</summary>
    public static IReadOnlyDictionary<string, PurchaseFeatures> Summarise(IEnumerable<PurchaseHistories.Purchase> purchases, DateOnly asOf, double daysPerUnit = 7)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var upTo = purchases.Where(p => p.Day <= asOf).ToList();
        var histories = PurchaseHistories.Summarise(upTo, asOf, daysPerUnit);
        var result = new Dictionary<string, PurchaseFeatures>(histories.Count, StringComparer.Ordinal);
        foreach (var customer in upTo.GroupBy(p => p.CustomerId, StringComparer.Ordinal))
        {
            var days = customer.Select(p => p.Day.DayNumber).Distinct().Order().ToArray();
            var firstDaySpend = customer.Where(p => p.Day.DayNumber == days[0]).Sum(p => p.Value);
            result[customer.Key] = Build(histories[customer.Key], firstDaySpend, (double)customer.Count() / days.Length, days, daysPerUnit);
        }
        return result;
    }

    private static PurchaseFeatures Build(PurchaseHistory history, double firstDaySpend, double purchasesPerDay, int[] ascendingDays, double daysPerUnit)
    {
        var gaps = new double[Math.Max(0, ascendingDays.Length - 1)];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = (ascendingDays[i + 1] - ascendingDays[i]) / daysPerUnit;
        }
        var variation = 0.0;
        if (gaps.Length >= 2)
        {
            var mean = gaps.Average();
            variation = Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean))) / mean;
        }
        var overdue = history.Frequency == 0
            ? 0
            : Math.Min(MaxOverdue, (history.Age - history.Recency) / (history.Recency / history.Frequency));
        return new PurchaseFeatures(history, firstDaySpend, purchasesPerDay, variation, overdue);
    }
}
