using System.Text.Json;
using Longview.Core.Lifecycle;
using Longview.Core.Profiles;
using Longview.Core.Retention;

namespace Longview.Core.Serving.Segments;

/// <summary>
/// Serving's view of the team's lifecycle rules (<see cref="LifecycleClassifier"/>): projects a profile onto the
/// activity the classifier takes, so a user is in the same segment in recommendations as in the retention reports.
/// </summary>
public static class ProfileLifecycle
{
    /// <summary>The segment on <paramref name="today"/>; a user with no usable activity yet is new.</summary>
    public static LifecycleSegment Classify(LifecycleClassifier classifier, UserProfile? profile, DateOnly today, double? churnRisk)
    {
        var activity = profile is null ? null : Activity(profile);
        if (activity is null || activity.FindProblem() is not null)
        {
            return LifecycleSegment.New;
        }
        return classifier.Classify(activity, today, churnRisk is { } r ? Math.Clamp(r, 0, 1) : null) ?? LifecycleSegment.New;
    }

    /// <summary>
    /// First and last seen widen to cover the retained activity days, because the profile keeps a bounded window of days
    /// while first/last seen are exact.
    /// </summary>
    public static UserActivity? Activity(UserProfile profile)
    {
        var days = profile.ActiveDays.Days;
        if (profile.FirstSeen is null && days.Count == 0)
        {
            return null;
        }
        var first = profile.FirstSeen is { } f ? DateOnly.FromDateTime(f.UtcDateTime) : days.Min();
        var last = profile.LastSeen is { } l ? DateOnly.FromDateTime(l.UtcDateTime) : days.Max();
        if (days.Count > 0)
        {
            first = days.Min() < first ? days.Min() : first;
            last = days.Max() > last ? days.Max() : last;
        }
        last = last < first ? first : last;
        return new UserActivity(profile.UserId, first, days.Count > 0 ? [.. days] : [first], last);
    }

    /// <summary>The segment as the API writes enums (snake_case, as in the retention reports): "at_risk".</summary>
    // Converted once per value: every request names its segment twice, and Enum.ToString plus the naming policy
    // allocated both times.
    public static string ToWireName(this LifecycleSegment segment) =>
        (uint)segment < (uint)WireNames.Length ? WireNames[(int)segment] : WireName(segment);

    private static readonly string[] WireNames = [.. Enum.GetValues<LifecycleSegment>().Select(WireName)];

    private static string WireName(LifecycleSegment segment) => JsonNamingPolicy.SnakeCaseLower.ConvertName(segment.ToString());
}
