using Longview.Core.Profiles;

namespace Longview.Core.Serving.Churn;

/// <summary>
/// The churn features of one profile as of the end of UTC day <c>asOfDay</c>, exactly as the training job defines them,
/// so the served model sees the distribution it was trained on. Nothing after that day is used.
/// </summary>
public static class ChurnFeatures
{
    public static void Fill(UserProfile profile, DateOnly asOfDay, IReadOnlyList<ChurnFeature> order, Span<float> destination)
    {
        if (destination.Length < order.Count)
        {
            throw new ArgumentException($"destination holds {destination.Length} values, the model takes {order.Count}", nameof(destination));
        }
        for (var i = 0; i < order.Count; i++)
        {
            destination[i] = (float)Compute(profile, asOfDay, order[i]);
        }
    }

    public static double Compute(UserProfile profile, DateOnly asOfDay, ChurnFeature feature)
    {
        var t = asOfDay.DayNumber;
        var firstDay = profile.FirstSeen is { } first ? DateOnly.FromDateTime(first.UtcDateTime).DayNumber : t;
        return feature switch
        {
            ChurnFeature.Log1pDaysSinceLastActive => Math.Log(1 + Math.Max(t - LastActiveDay(profile, t, firstDay), 0)),
            ChurnFeature.Log1pDaysSinceFirstSeen => Math.Log(1 + Math.Max(t - firstDay, 0)),
            ChurnFeature.ActiveDays7d => ActiveDaysWithin(profile, t, 7),
            ChurnFeature.ActiveDays30d => ActiveDaysWithin(profile, t, 30),
            ChurnFeature.ActiveDays90d => ActiveDaysWithin(profile, t, 90),
            ChurnFeature.Log1pEvents30d => Math.Log(1 + EventsWithin(profile, t, 30)),
            ChurnFeature.Log1pEventsTotal => Math.Log(1 + EventsWithin(profile, t, int.MaxValue)),
            _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "unknown churn feature"),
        };
    }

    private static int LastActiveDay(UserProfile profile, int t, int firstDay)
    {
        var last = -1;
        foreach (var day in profile.ActiveDays.Days)
        {
            if (day.DayNumber <= t && day.DayNumber > last)
            {
                last = day.DayNumber;
            }
        }
        return last < 0 ? firstDay : last;
    }

    private static int ActiveDaysWithin(UserProfile profile, int t, int window)
    {
        var count = 0;
        foreach (var day in profile.ActiveDays.Days)
        {
            if (day.DayNumber <= t && day.DayNumber > t - window)
            {
                count++;
            }
        }
        return count;
    }

    private static long EventsWithin(UserProfile profile, int t, int window)
    {
        long count = 0;
        foreach (var e in profile.Recent)
        {
            var day = DateOnly.FromDateTime(e.Timestamp.UtcDateTime).DayNumber;
            if (day <= t && (window == int.MaxValue || day > t - window))
            {
                count++;
            }
        }
        return count;
    }
}
