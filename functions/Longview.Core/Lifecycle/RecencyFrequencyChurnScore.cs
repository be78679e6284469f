using Longview.Core.Retention;

namespace Longview.Core.Lifecycle;

/// <summary>
/// The transparent churn risk used when no churn model is promoted:
/// risk = w * min(recency, H) / H + (1 - w) * (1 - min(f, T) / T), where recency = asOf - last active day,
/// f = active days within the F days ending on the as-of day, H = ScoreRecencyHorizonDays,
/// F = ScoreFrequencyWindowDays, T = ScoreFrequencyTargetDays and w = ScoreRecencyWeight. Always in [0, 1],
/// rising with recency and falling with frequency.
/// </summary>
public sealed class RecencyFrequencyChurnScore
{
    private readonly LifecycleOptions _options;

    public RecencyFrequencyChurnScore(LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
    }

    /// <summary>The risk on <paramref name="asOf"/>; throws when the user was first seen after it.</summary>
    public double Score(UserActivity activity, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.EnsureValid();
        if (activity.FirstSeenDay > asOf)
        {
            throw new ArgumentException($"a user's FirstSeenDay: {activity.FirstSeenDay:yyyy-MM-dd} is after the as-of day {asOf:yyyy-MM-dd}", nameof(activity));
        }
        var asOfDay = asOf.DayNumber;
        var recency = asOfDay - SortedDays.LastSeenAsOf(activity, asOfDay);
        var frequency = SortedDays.CountIn(activity.ActiveDays, asOfDay - _options.ScoreFrequencyWindowDays + 1, asOfDay);
        var recencyTerm = (double)Math.Min(recency, _options.ScoreRecencyHorizonDays) / _options.ScoreRecencyHorizonDays;
        var frequencyTerm = 1.0 - ((double)Math.Min(frequency, _options.ScoreFrequencyTargetDays) / _options.ScoreFrequencyTargetDays);
        return (_options.ScoreRecencyWeight * recencyTerm) + ((1.0 - _options.ScoreRecencyWeight) * frequencyTerm);
    }
}
