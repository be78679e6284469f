using Longview.Core.Profiles;

namespace Longview.Core.Lifecycle.Engagement;

/// <summary>
/// Sessions inferred from inactivity gaps, the one implementation: a session is a run of one user's activity events
/// (never impressions, see <see cref="Activity"/>) in which each event comes less than the gap after the previous one;
/// an event the gap or more after the previous one opens the next session (30 minutes is the analytics tools' usual gap,
/// <see cref="LifecycleOptions.SessionGapMinutes"/>).
/// </summary>
public static class Sessions
{
    /// <summary>The gap used where no setting applies (the public profile, experiment readouts): 30 minutes, the web's convention.</summary>
    public static readonly TimeSpan DefaultGap = TimeSpan.FromMinutes(30);

    /// <summary>The sessions of one user's activity times (any order, UTC or not), oldest first.</summary>
    public static IReadOnlyList<Session> Infer(IEnumerable<DateTimeOffset> activityTimes, TimeSpan gap)
    {
        ArgumentNullException.ThrowIfNull(activityTimes);
        if (gap <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "the session gap must be positive");
        }

        var times = activityTimes.Select(t => t.ToUniversalTime()).ToList();
        if (!IsAscending(times))
        {
            times.Sort();
        }

        var sessions = new List<Session>();
        for (var i = 0; i < times.Count; i++)
        {
            if (i == 0 || times[i] - times[i - 1] >= gap)
            {
                sessions.Add(new Session(times[i], times[i], 1));
            }
            else
            {
                var open = sessions[^1];
                sessions[^1] = open with { End = times[i], Events = open.Events + 1 };
            }
        }

        return sessions;
    }

    /// <summary>
    /// The sessions of the activity events a profile's dedup record still remembers (<see cref="UserProfile.Seen"/>: the
    /// newest <see cref="ProfileLimits.MaxSeenEventIds"/> activity events; impressions are not in it), oldest first.
    /// </summary>
    public static IReadOnlyList<Session> Of(UserProfile profile, TimeSpan gap)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Infer(profile.Seen.ActivityTimes, gap);
    }

    private static bool IsAscending(List<DateTimeOffset> times)
    {
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] < times[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
