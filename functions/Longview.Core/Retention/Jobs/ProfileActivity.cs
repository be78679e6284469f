using Longview.Core.Profiles;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The one mapping from a stored profile to the projection retention maths reads. The profile's active days are
/// already UTC days, ascending and distinct; its window trimming (ProfileLimits.ActiveDaysWindow) keeps the days
/// after first seen and before last seen, so cells inside those windows are exact (see the Retention README).
/// </summary>
public static class ProfileActivity
{
    /// <summary>The user's activity, or null for a profile without any active day (nothing to count).</summary>
    public static UserActivity? From(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var days = profile.ActiveDays;
        if (days.Count == 0)
        {
            return null;
        }
        return new UserActivity(profile.UserId, days.First!.Value, [.. days.Days], days.Last!.Value);
    }
}
