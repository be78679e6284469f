using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Experiments.Results;

/// <summary>
/// One exposed user's metrics read from their profile as of <c>today</c> (null where the metric's window has not
/// ended), with the pre-period covariate: active days in the 28 days before the exposure day (CUPED's x).
/// </summary>
public sealed record ExposedUser(
    double PreActiveDays,
    bool? ReturnD1,
    bool? ReturnD7,
    bool? ReturnD30,
    bool Reactivated,
    int? ActiveDays7d,
    int? Sessions7d,
    int Clicks,
    int Impressions,
    double Value)
{
    public const int PrePeriodDays = 28;

    public static readonly TimeSpan SessionGap = Lifecycle.Engagement.Sessions.DefaultGap;

    /// <remarks>
    /// Clicks, purchases and impressions come from the profile's bounded recent lists (200 item events, 256
    /// impressions): for the heaviest users the oldest ones since the exposure may be gone, equally in every arm.
    /// </remarks>
    public static ExposedUser From(DateTimeOffset exposedAt, UserProfile? profile, DateOnly today)
    {
        var day = DateOnly.FromDateTime(exposedAt.UtcDateTime);
        if (profile is null)
        {
            return new ExposedUser(0, Matured(day, 1, today) ? false : null, Matured(day, 7, today) ? false : null,
                Matured(day, 30, today) ? false : null, false, Matured(day, 7, today) ? 0 : null, Matured(day, 7, today) ? 0 : null, 0, 0, 0);
        }
        var days = profile.ActiveDays;
        var pre = days.Between(day.AddDays(-PrePeriodDays), day.AddDays(-1)).Count();
        bool? Returned(int n) => Matured(day, n, today) ? days.Between(day.AddDays(1), day.AddDays(n)).Any() : null;
        int? active7 = Matured(day, 7, today) ? days.Between(day.AddDays(1), day.AddDays(7)).Count() : null;
        int? sessions7 = Matured(day, 7, today) ? SessionsBetween(profile, exposedAt, exposedAt.AddDays(7)) : null;

        var clicks = 0;
        var value = 0d;
        foreach (var e in profile.Recent)
        {
            if (e.Timestamp < exposedAt)
            {
                continue;
            }
            clicks += e.Type == EventType.Click ? 1 : 0;
            value += e.Type == EventType.Purchase ? e.Value ?? 0 : 0;
        }
        var impressions = profile.Impressions.Count(i => i.Timestamp >= exposedAt);
        var reactivated = days.Between(day.AddDays(1), today.AddDays(-1)).Any();
        return new ExposedUser(pre, Returned(1), Returned(7), Returned(30), reactivated, active7, sessions7, clicks, impressions, value);
    }

    /// <summary>Day exposure + n has ended before <paramref name="today"/> starts.</summary>
    private static bool Matured(DateOnly exposed, int n, DateOnly today) => exposed.AddDays(n) < today;

    /// <summary>Sessions (the one inference, <see cref="Lifecycle.Engagement.Sessions"/>) of the activity in (from, to].</summary>
    private static int SessionsBetween(UserProfile profile, DateTimeOffset from, DateTimeOffset to) =>
        Lifecycle.Engagement.Sessions.Infer(profile.Seen.ActivityTimes.Where(t => t > from && t <= to), SessionGap).Count;
}
