using Longview.Core.Lifecycle.Churn;
using Longview.Core.Lifecycle.Value;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// What the lifecycle models read of one profile as of a day: its activity (impressions never count), the churn
/// features, the BTYD summaries of purchase days and of active days (weeks), and the revenue so far. Nothing after the
/// as-of day is read, except that spend amounts are the profile's totals (it keeps days, not a ledger).
/// </summary>
public sealed record UserSnapshot(
    string UserId,
    DateOnly AsOf,
    UserActivity Activity,
    ChurnFeatures Churn,
    PurchaseHistory? Purchases,
    double Revenue,
    long PurchaseDays)
{
    /// <summary>Days between the first and the last active day: how long the user has lasted so far.</summary>
    public int LifespanDays => Churn.TenureDays - Churn.RecencyDays;

    /// <summary>The first-seen month, "yyyy-MM": the user's cohort in the lifecycle reports.</summary>
    public string Cohort => Activity.FirstSeenDay.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The snapshot of <paramref name="profile"/> as of <paramref name="asOf"/>; null when it had no activity by then.</summary>
    public static UserSnapshot? Of(UserProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (ProfileActivity.From(profile) is not { } activity || ChurnFeatures.AsOf(activity, asOf) is not { } churn)
        {
            return null;
        }
        var (history, revenue, days) = PurchasesAsOf(profile.Purchases, asOf);
        return new UserSnapshot(profile.UserId, asOf, activity, churn, history, revenue, days);
    }

    /// <summary>The behavioural-group features, log-scaled so heavy users do not dominate the distances.</summary>
    public double[] GroupFeatures() =>
    [
        double.LogP1(Churn.RecencyDays),
        double.LogP1(Churn.TenureDays),
        double.LogP1(Churn.ActiveDays30),
        double.LogP1(Churn.ActiveDaysTotal),
        double.LogP1(PurchaseDays),
        double.LogP1(Revenue),
    ];

    public static IReadOnlyList<string> GroupFeatureNames { get; } =
        ["days since last active", "tenure", "active days in the last 30", "active days", "purchase days", "revenue"];

    private static (PurchaseHistory? History, double Revenue, long Days) PurchasesAsOf(PurchaseStats? purchases, DateOnly asOf)
    {
        if (purchases is null || purchases.Days.First is not { } first || first > asOf)
        {
            return (null, 0, 0);
        }
        if (purchases.Days.Last is { } last && last <= asOf)
        {
            return (PurchaseHistories.FromProfile(purchases, asOf), purchases.Total, purchases.Days.Count);
        }
        // A past as-of day on a profile that bought later: count the days up to it; spend is pro rata (the profile
        // keeps totals, not a ledger).
        var days = purchases.Days.Days.Where(d => d <= asOf).ToList();
        var repeats = days.Count - 1;
        var lastDay = days[^1];
        var repeatSpend = purchases.Days.Count > 1 ? (purchases.Total - purchases.FirstDayTotal) / (purchases.Days.Count - 1) : 0;
        var history = new PurchaseHistory(repeats, repeats == 0 ? 0 : (lastDay.DayNumber - first.DayNumber) / 7.0, (asOf.DayNumber - first.DayNumber) / 7.0, repeats == 0 ? 0 : repeatSpend);
        return (history, purchases.FirstDayTotal + (repeats * repeatSpend), days.Count);
    }
}
