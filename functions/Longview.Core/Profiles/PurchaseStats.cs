namespace Longview.Core.Profiles;

/// <summary>
/// What the user spent: monetary events (purchases, and any type the deployment lists in
/// <see cref="ProfileLimits.MonetaryTypes"/>), the sum of their values (money in the deployment's currency; an event
/// without a value counts as a purchase of unknown amount), the first and last purchase, and the UTC purchase days
/// (trimmed like the active days). Every part is a sum, a minimum, a maximum or a set, so the fold is commutative; the
/// dedup record in front of it makes it idempotent. The lifetime-value models read x, t_x and T from the days
/// (<see cref="Lifecycle.Value.PurchaseHistory"/>): one occasion per day, as the literature counts them.
/// </summary>
public sealed class PurchaseStats
{
    public long Count { get; set; }

    /// <summary>Sum of the values given (floating point: see <see cref="ProfileEquivalence"/>).</summary>
    public double Total { get; set; }

    /// <summary>How many of <see cref="Count"/> carried a value.</summary>
    public long Valued { get; set; }

    public DateTimeOffset? First { get; set; }

    /// <summary>
    /// The values spent on the UTC day of <see cref="First"/> (the birth occasion): the lifetime-value models' spend is the
    /// mean of the other days, (<see cref="Total"/> − this) / repeat days. A sum over the minimum day: order-insensitive.
    /// </summary>
    public double FirstDayTotal { get; set; }

    public DateTimeOffset? Last { get; set; }

    public ActiveDays Days { get; set; } = new();

    internal void Add(DateTimeOffset time, double? value, int daysWindow)
    {
        Count++;
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        if (First is not { } earliest || day < DateOnly.FromDateTime(earliest.UtcDateTime))
        {
            FirstDayTotal = value ?? 0;
        }
        else if (day == DateOnly.FromDateTime(earliest.UtcDateTime))
        {
            FirstDayTotal += value ?? 0;
        }
        if (value is { } amount)
        {
            Total += amount;
            Valued++;
        }
        if (First is not { } first || time < first)
        {
            First = time;
        }
        if (Last is not { } last || time > last)
        {
            Last = time;
        }
        Days.Add(day);
        Days.Trim(daysWindow);
    }
}
